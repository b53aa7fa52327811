-- retro278 transaction store, version 7: which file on the practice's server a received file was.
--
-- source_modified is the modification time (epoch milliseconds) the practice's SFTP server reported for the
-- file when it was read, or null (files recorded before this version, or not read from a server). A file
-- whose intake committed but which a crash left in the drop folder (before the move to .done) comes back
-- with the same name, size, bytes and modification time: intake recognizes it as that same file, moves it
-- on and does not report it as a duplicate of itself (docs/reliability.md). A practice dropping the same
-- bytes again makes a new file on its server, with a new modification time: a duplicate, as before.
alter table received_file add column source_modified bigint;

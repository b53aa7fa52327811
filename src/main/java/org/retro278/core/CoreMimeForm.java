package org.retro278.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * The CORE HTTP MIME envelope: the form fields of a real-time request and answer (docs/x12-278-notes.md
 * section 7.2), written as a {@code multipart/form-data} body by Apache HttpClient's MultipartEntityBuilder and
 * read by Jetty's MultiPartFormData parser. Jetty's parser is the reader on both sides (the client's answers and
 * the simulator's requests) because it is a maintained, streaming, RFC 7578 parser with limits on parts and
 * sizes, and Jetty 12 is on the class path anyway (the simulator's endpoints); HttpClient writes multipart but
 * cannot read it. Field values are text in UTF-8; the Payload holds PHI and is never logged.
 */
public final class CoreMimeForm {

    public static final String PAYLOAD_TYPE = "PayloadType";
    public static final String PROCESSING_MODE = "ProcessingMode";
    public static final String PAYLOAD_ID = "PayloadID";
    public static final String TIME_STAMP = "TimeStamp";
    public static final String USER_NAME = "UserName";
    public static final String PASSWORD = "Password";
    public static final String SENDER_ID = "SenderID";
    public static final String RECEIVER_ID = "ReceiverID";
    public static final String RULE_VERSION = "CORERuleVersion";
    public static final String PAYLOAD = "Payload";
    public static final String ERROR_CODE = "ErrorCode";
    public static final String ERROR_MESSAGE = "ErrorMessage";

    /** The most a form may hold: a real-time request is one 278, a few kilobytes. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final int MAX_PARTS = 32;
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private CoreMimeForm() {
    }

    /** The request's form fields, in the rule's order; {@code user} and {@code password} only for password mode. */
    public static Map<String, String> fields(CoreRequest r, String user, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(PAYLOAD_TYPE, r.payloadType());
        f.put(PROCESSING_MODE, r.processingMode());
        f.put(PAYLOAD_ID, r.payloadId());
        f.put(TIME_STAMP, DateTimeFormatter.ISO_INSTANT.format(r.timeStamp()));
        if (user != null) {
            f.put(USER_NAME, user);
            f.put(PASSWORD, password);
        }
        f.put(SENDER_ID, r.senderId());
        f.put(RECEIVER_ID, r.receiverId());
        f.put(RULE_VERSION, r.ruleVersion());
        f.put(PAYLOAD, r.payload());
        return f;
    }

    /** The answer's form fields; fields the answer leaves out ({@code null}) are not written. */
    public static Map<String, String> fields(CoreAnswer a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(PAYLOAD_TYPE, a.payloadType());
        f.put(PROCESSING_MODE, a.processingMode());
        f.put(PAYLOAD_ID, a.payloadId());
        f.put(TIME_STAMP, a.timeStamp());
        f.put(SENDER_ID, a.senderId());
        f.put(RECEIVER_ID, a.receiverId());
        f.put(RULE_VERSION, a.ruleVersion());
        f.put(PAYLOAD, a.payload());
        f.put(ERROR_CODE, a.errorCode());
        f.put(ERROR_MESSAGE, a.errorMessage());
        f.values().removeIf(v -> v == null);
        return f;
    }

    /** The answer the form fields of an answer body make (absent fields {@code null}). */
    public static CoreAnswer answer(Map<String, String> f) {
        return new CoreAnswer(f.get(PAYLOAD_TYPE), f.get(PROCESSING_MODE), f.get(PAYLOAD_ID), f.get(TIME_STAMP),
                f.get(SENDER_ID), f.get(RECEIVER_ID), f.get(RULE_VERSION), f.get(PAYLOAD), f.get(ERROR_CODE),
                f.get(ERROR_MESSAGE));
    }

    /** The fields as a {@code multipart/form-data} body, one text part each. */
    public static HttpEntity entity(Map<String, String> fields) {
        // STRICT: RFC 7578 part headers only (Content-Disposition, Content-Type), nothing a strict reader refuses
        MultipartEntityBuilder b = MultipartEntityBuilder.create().setMode(HttpMultipartMode.STRICT)
                .setCharset(StandardCharsets.UTF_8);
        fields.forEach((name, value) -> b.addTextBody(name, value, TEXT));
        return b.build();
    }

    /**
     * Reads a {@code multipart/form-data} body into its fields (the first part of each name), blocking until it
     * is read. All in memory (no temporary files: the payload is PHI), at most {@link #MAX_BYTES}.
     *
     * @throws IOException when the body is not a form (no boundary, malformed, too large); the words never quote it
     */
    public static Map<String, String> read(Content.Source body, String contentType) throws IOException {
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            body.fail(new IOException("not a form"));
            throw new IOException("the body is not multipart/form-data");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.configure(new MultiPartConfig.Builder().maxParts(MAX_PARTS).maxSize(MAX_BYTES).maxPartSize(MAX_BYTES)
                .maxMemoryPartSize(MAX_BYTES).useFilesForPartsWithoutFileName(false).build());
        try (MultiPartFormData.Parts parts = parser.parse(body).get()) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (MultiPart.Part p : parts) {
                if (p.getName() != null) {
                    fields.putIfAbsent(p.getName(), p.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            return fields;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException io && cause.getClass() != IOException.class) {
                throw io; // a timeout or a dropped connection while reading: the caller tells them apart
            }
            throw new IOException("the multipart body could not be read (" + cause.getClass().getSimpleName() + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading a multipart body", e);
        }
    }
}

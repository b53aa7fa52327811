package org.retro278.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.retro278.io.Hashes;
import org.smooks.api.ExecutionContext;
import org.smooks.api.SmooksException;
import org.smooks.api.delivery.ordering.Consumer;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.w3c.dom.Element;

/**
 * The per-record visitor that hands each mapped row to Java, the moment its {@code claim-row} element
 * ends: the cells are the entries of the row's {@link Map} bean (the canonical column names as keys),
 * values trimmed, blank ones left out; the row number and defect come from the element's attributes
 * ({@link ClaimCsvReader}). A value longer than {@link ClaimRow#MAX_VALUE_LENGTH} is cut to a bounded
 * form and makes the row defective, naming the column. Nothing is kept: the next row's bean replaces this one.
 *
 * <p>Declared once in every mapping file:
 *
 * <pre>{@code
 * <resource-config selector="claim-row">
 *     <resource>org.retro278.mapping.ClaimRowHandOff</resource>
 *     <param name="beanId">row</param>
 * </resource-config>
 * }</pre>
 *
 * It consumes the bean, so Smooks runs it after the bindings that fill the bean. Stateless, as Smooks
 * shares visitors between concurrent reads.
 */
public class ClaimRowHandOff implements AfterVisitor, Consumer {

    @Inject
    private String beanId = "row";

    @Override
    public void visitAfter(Element element, ExecutionContext executionContext) {
        ClaimRowListener listener = executionContext.get(ClaimRowListener.KEY);
        if (listener == null) {
            return;
        }
        Object bean = executionContext.getBeanContext().getBean(beanId);
        if (bean != null && !(bean instanceof Map)) {
            throw new SmooksException("the bean '" + beanId + "' that " + getClass().getSimpleName()
                    + " hands on must be a java.util.Map, not a " + bean.getClass().getName());
        }
        long row = Long.parseLong(element.getAttribute(ClaimCsvReader.NUMBER_ATTRIBUTE));
        String lastLine = element.getAttribute(ClaimCsvReader.LAST_LINE_ATTRIBUTE);
        String defect = element.getAttribute(ClaimCsvReader.DEFECT_ATTRIBUTE);
        List<String> overlong = new ArrayList<>();
        Map<String, String> cells = new HashMap<>();
        if (bean != null) {
            for (Map.Entry<?, ?> cell : ((Map<?, ?>) bean).entrySet()) {
                String value = cell.getValue() == null ? null : CellText.clean(cell.getValue().toString());
                if (value != null && value.length() > ClaimRow.MAX_VALUE_LENGTH) {
                    overlong.add(cell.getKey() + " holds " + value.length() + " characters");
                    value = bounded(value);
                }
                if (value != null) {
                    cells.put(cell.getKey().toString(), value);
                }
            }
        }
        if (!overlong.isEmpty()) {
            Collections.sort(overlong);
            String tooLong = "row " + row + ": " + String.join(", ", overlong) + ", more than any 278 element can carry";
            defect = defect.isEmpty() ? tooLong : defect + "; " + tooLong;
        }
        try {
            listener.row(new ClaimRow(row, cells, defect.isEmpty() ? null : defect,
                    lastLine.isEmpty() ? row : Long.parseLong(lastLine)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SmooksException("row " + row + " could not be handed on", e);
        }
    }

    /**
     * An overlong value cut to its start and a hash of the whole: bounded, and two long claim ids that
     * share their start still group apart.
     */
    static String bounded(String value) {
        return value.substring(0, 40) + "~" + Hashes.sha256(value).substring(0, 16);
    }

    @Override
    public boolean consumes(Object object) {
        return beanId.equals(object);
    }
}

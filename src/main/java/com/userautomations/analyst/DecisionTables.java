package com.userautomations.analyst;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/** Decision tables (CSV, XLSX) as the DRL they stand for, and errors put back at the table's row. */
final class DecisionTables {
    private static final Pattern TABLE_ROW_COMMENT = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),");
    private static final Pattern CELL = Pattern.compile("\\b([A-Z]{1,3})(\\d{1,7})\\b");

    private DecisionTables() {
    }

    /** The DRL a decision table stands for, or null (and an error) when the table cannot be read. */
    static String drl(RuleFile f, List<RuleFileError> errors) {
        InputType type = f.kind() == RuleFile.Kind.CSV_TABLE ? InputType.CSV : InputType.XLS;
        try {
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()), type);
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            Matcher cell = CELL.matcher(message);
            int row = 0;
            int column = 0;
            if (cell.find()) {
                row = Integer.parseInt(cell.group(2));
                column = columnNumber(cell.group(1));
            }
            errors.add(new RuleFileError(f.path(), row, column, "the decision table cannot be read: " + message));
            return null;
        }
    }

    /**
     * Puts an error in a decision table's generated DRL back at the table's row: the DRL of each
     * row starts with the comment "// rule values at B12, header at B8".
     */
    static RuleFileError error(String file, String drl, int drlLine, String message) {
        if (drl != null && drlLine > 0) {
            String[] lines = drl.split("\n", -1);
            for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
                Matcher m = TABLE_ROW_COMMENT.matcher(lines[i].trim());
                if (m.find()) {
                    int row = Integer.parseInt(m.group(2));
                    return new RuleFileError(file, row, 0, "in the row " + row + " of the table: " + message);
                }
            }
        }
        return new RuleFileError(file, 0, 0, "in the table's settings (RuleSet, Import, Variables, "
                + "or the RuleTable's header rows): " + message);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static int columnNumber(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n = n * 26 + (c - 'A' + 1);
        }
        return n;
    }
}

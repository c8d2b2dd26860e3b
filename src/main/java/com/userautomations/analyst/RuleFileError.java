package com.userautomations.analyst;

/**
 * What is wrong with an analyst file, where: line and column are 1-based, 0 when unknown. For a
 * decision table the line is the spreadsheet row (in a CSV file, its line).
 */
public record RuleFileError(String file, int line, int column, String message) {

    /** file:line:column: message, the way compilers say it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.append(": ").append(message).toString();
    }
}

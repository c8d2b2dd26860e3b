package com.userautomations.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Which JSON numbers the service keeps exactly. Bodies are read with decimals as BigDecimal
 * (never rounded to a double), so a number is kept as sent when it is not absurdly long or
 * large: at most 40 significant digits and a decimal exponent within ±400. Anything else
 * (1e999999999) would come back as something else, or as a billion digits, and is refused.
 */
public final class Numbers {
    public static final int MAX_DIGITS = 40;
    public static final int MAX_EXPONENT = 400;
    public static final String RULE = "must be a number of at most " + MAX_DIGITS
            + " significant digits with an exponent within ±" + MAX_EXPONENT + " (so that it is kept exactly)";

    private Numbers() {
    }

    public static String problem(JsonNode n) {
        if (n.isInt() || n.isLong() || n.isShort()) {
            return null;
        }
        if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
            return RULE;
        }
        BigDecimal d = n.decimalValue();
        int exponent = d.precision() - d.scale() - 1;
        return d.precision() > MAX_DIGITS || Math.abs(exponent) > MAX_EXPONENT ? RULE : null;
    }
}

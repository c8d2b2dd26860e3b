package com.userautomations.automation;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON scalar a {@code decision} condition compares the decision's result with: its kind
 * and its canonical text ({@code "gold"}, {@code 42}, {@code true}). Kept as text so it stays
 * data all the way to the rule.
 */
public record DecisionValue(Kind kind, String text) {

    public enum Kind implements WireNamed {
        STRING,
        NUMBER,
        BOOLEAN;

        public static Optional<Kind> fromWire(String wire) {
            return WireNames.find(values(), wire);
        }
    }

    public DecisionValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (kind == Kind.NUMBER) {
            text = new BigDecimal(text).stripTrailingZeros().toPlainString();
        } else if (kind == Kind.BOOLEAN && !text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("a boolean is true or false");
        }
    }

    public static DecisionValue string(String s) {
        return new DecisionValue(Kind.STRING, s);
    }
}

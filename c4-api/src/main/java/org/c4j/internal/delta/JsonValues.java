package org.c4j.internal.delta;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Fleece's view of the Java values {@link org.c4j.Body#toMap()} gives: their type, their equality and the
 * integer reading of a value.
 *
 * <p>Stateless; thread-safe.
 */
final class JsonValues {
    /** Fleece's value types, in its order (scalars first). */
    enum Type {
        NULL, BOOLEAN, NUMBER, STRING, DATA, ARRAY, OBJECT;

        boolean isScalar() {
            return this != ARRAY && this != OBJECT;
        }
    }

    private JsonValues() {
    }

    static Type type(Object v) {
        if (v == null) {
            return Type.NULL;
        } else if (v instanceof Boolean) {
            return Type.BOOLEAN;
        } else if (v instanceof Number) {
            return Type.NUMBER;
        } else if (v instanceof String) {
            return Type.STRING;
        } else if (v instanceof byte[]) {
            return Type.DATA;
        } else if (v instanceof List) {
            return Type.ARRAY;
        } else if (v instanceof Map) {
            return Type.OBJECT;
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }

    @SuppressWarnings("unchecked")
    static Map<String, ?> asMap(Object v) {
        return (Map<String, ?>) v;
    }

    /** The value at {@code key}, or {@code absent} if there is no such key (a JSON null is returned as null). */
    static Object get(Map<String, ?> map, String key, Object absent) {
        Object v = map.get(key);
        return v != null || map.containsKey(key) ? v : absent;
    }

    /**
     * Deep equality: objects regardless of key order; numbers only when they are the same value of the same kind
     * (integer or not), so {@code 1} and {@code 1.0} differ.
     */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        Type t = type(a);
        if (t != type(b)) {
            return false;
        }
        switch (t) {
            case NULL:
                return true;
            case NUMBER:
                return numbersEqual((Number) a, (Number) b);
            case DATA:
                return java.util.Arrays.equals((byte[]) a, (byte[]) b);
            case ARRAY: {
                List<?> x = (List<?>) a;
                List<?> y = (List<?>) b;
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                Map<String, ?> x = asMap(a);
                Map<String, ?> y = asMap(b);
                if (x.size() != y.size()) {
                    return false;
                }
                for (Map.Entry<String, ?> e : x.entrySet()) {
                    Object other = get(y, e.getKey(), y);
                    if (other == y || !equal(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return a.equals(b);
        }
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    private static boolean numbersEqual(Number a, Number b) {
        boolean ia = isIntegral(a);
        if (ia != isIntegral(b)) {
            return false;
        }
        if (ia) {
            return toBigInteger(a).equals(toBigInteger(b));
        }
        if (a instanceof Double && b instanceof Double) {
            return a.equals(b);
        }
        return toBigDecimal(a).equals(toBigDecimal(b));
    }

    private static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger ? (BigInteger) n : BigInteger.valueOf(n.longValue());
    }

    private static BigDecimal toBigDecimal(Number n) {
        return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(Double.toString(n.doubleValue()));
    }

    /** Fleece's {@code asInt}: numbers truncated, booleans 0/1, anything else 0. */
    static long asInt(Object v) {
        if (v instanceof Number) {
            Number n = (Number) v;
            return isIntegral(n) ? n.longValue() : (long) n.doubleValue();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        return 0;
    }
}

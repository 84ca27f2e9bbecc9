package org.c4j.internal.delta;

import java.util.HashMap;
import java.util.Map;

import org.c4j.internal.delta.EditList.Edit;
import org.c4j.internal.delta.EditList.Op;

/**
 * The character diff Fleece's JSONDelta runs on strings: Neil Fraser's diff-match-patch (Myers' O(ND) bisection with
 * the prefix/suffix, containment, half-match and line-mode speed-ups), as in the C++ STL port Fleece 4b5903f9
 * bundles, applied to the bytes of UTF-8 strings. Texts are Latin-1 Java strings, one char per byte, so every
 * comparison and search is a byte comparison, as in the C++ port instantiated on {@code std::string}.
 *
 * <p>Steps follow the port's order so the edits come out the same. One known difference: the port stores a line
 * number in a {@code char}, so texts of more than 127 distinct lines (over 100 bytes each side) make it misbehave;
 * here line numbers have 16 bits.
 *
 * <p>Stateless apart from the deadline passed along; thread-safe.
 */
final class TextDiff {
    /** No time limit (the port's {@code Diff_Timeout <= 0}); also disables the half-match speed-up. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Texts longer than this on both sides are diffed line by line first (the port's fixed 100). */
    private static final int LINE_MODE_MIN_LENGTH = 100;

    private TextDiff() {
    }

    /** A deadline {@code timeoutSeconds} from now, or {@link #NO_DEADLINE} for a timeout {@code <= 0}. */
    static long deadline(double timeoutSeconds) {
        return timeoutSeconds <= 0 ? NO_DEADLINE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
    }

    private static boolean expired(long deadline) {
        return deadline != NO_DEADLINE && System.nanoTime() - deadline > 0;
    }

    /** The edits turning {@code text1} into {@code text2}, merged (the port's {@code diff_main}). */
    static EditList diff(String text1, String text2, boolean checkLines, long deadline) {
        EditList diffs = new EditList();
        if (text1.equals(text2)) {
            if (!text1.isEmpty()) {
                diffs.addLast(Op.EQUAL, text1);
            }
            return diffs;
        }
        int prefixLength = commonPrefix(text1, text2);
        String prefix = text1.substring(0, prefixLength);
        String chopped1 = text1.substring(prefixLength);
        String chopped2 = text2.substring(prefixLength);
        int suffixLength = commonSuffix(chopped1, chopped2);
        String suffix = chopped1.substring(chopped1.length() - suffixLength);
        chopped1 = chopped1.substring(0, chopped1.length() - suffixLength);
        chopped2 = chopped2.substring(0, chopped2.length() - suffixLength);

        compute(chopped1, chopped2, checkLines, deadline, diffs);

        if (!prefix.isEmpty()) {
            diffs.addFirst(Op.EQUAL, prefix);
        }
        if (!suffix.isEmpty()) {
            diffs.addLast(Op.EQUAL, suffix);
        }
        EditCleanup.merge(diffs);
        return diffs;
    }

    /** Diffs two texts with no common prefix or suffix, appending to {@code diffs}. */
    private static void compute(String text1, String text2, boolean checkLines, long deadline, EditList diffs) {
        if (text1.isEmpty()) {
            diffs.addLast(Op.INSERT, text2);
            return;
        }
        if (text2.isEmpty()) {
            diffs.addLast(Op.DELETE, text1);
            return;
        }
        boolean firstLonger = text1.length() > text2.length();
        String longText = firstLonger ? text1 : text2;
        String shortText = firstLonger ? text2 : text1;
        int at = longText.indexOf(shortText);
        if (at >= 0) {
            Op op = firstLonger ? Op.DELETE : Op.INSERT;
            diffs.addLast(op, longText.substring(0, at));
            diffs.addLast(Op.EQUAL, shortText);
            diffs.addLast(op, longText.substring(at + shortText.length()));
            return;
        }
        if (shortText.length() == 1) {
            diffs.addLast(Op.DELETE, text1);
            diffs.addLast(Op.INSERT, text2);
            return;
        }
        if (deadline != NO_DEADLINE) {
            HalfMatch hm = halfMatch(text1, text2);
            if (hm != null) {
                diffs.addAll(diff(hm.text1A, hm.text2A, checkLines, deadline));
                diffs.addLast(Op.EQUAL, hm.common);
                diffs.addAll(diff(hm.text1B, hm.text2B, checkLines, deadline));
                return;
            }
        }
        if (checkLines && text1.length() > LINE_MODE_MIN_LENGTH && text2.length() > LINE_MODE_MIN_LENGTH) {
            lineMode(text1, text2, deadline, diffs);
            return;
        }
        bisect(text1, text2, deadline, diffs);
    }

    /** Diffs lines first (one char per distinct line), then re-diffs each replaced block char by char. */
    private static void lineMode(String text1, String text2, long deadline, EditList diffs) {
        Map<String, Character> lineIds = new HashMap<>();
        String chars1 = linesToChars(text1, lineIds);
        String chars2 = chars1 == null ? null : linesToChars(text2, lineIds);
        if (chars2 == null) {
            bisect(text1, text2, deadline, diffs); // more distinct lines than a char can number
            return;
        }
        String[] byId = new String[lineIds.size() + 1];
        for (Map.Entry<String, Character> e : lineIds.entrySet()) {
            byId[e.getValue()] = e.getKey();
        }

        EditList lineDiffs = diff(chars1, chars2, false, deadline);
        for (Edit e = lineDiffs.first(); e != lineDiffs.end(); e = e.next) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < e.text.length(); i++) {
                text.append(byId[e.text.charAt(i)]);
            }
            e.text = text.toString();
        }
        EditCleanup.semantic(lineDiffs);

        lineDiffs.addLast(Op.EQUAL, "");
        int countDelete = 0;
        int countInsert = 0;
        StringBuilder textDelete = new StringBuilder();
        StringBuilder textInsert = new StringBuilder();
        for (Edit cur = lineDiffs.first(); cur != lineDiffs.end(); cur = cur.next) {
            switch (cur.op) {
                case INSERT:
                    countInsert++;
                    textInsert.append(cur.text);
                    break;
                case DELETE:
                    countDelete++;
                    textDelete.append(cur.text);
                    break;
                default:
                    if (countDelete >= 1 && countInsert >= 1) {
                        Edit from = cur;
                        for (int i = 0; i < countDelete + countInsert; i++) {
                            from = from.prev;
                        }
                        lineDiffs.removeRange(from, cur);
                        lineDiffs.spliceBefore(cur, diff(textDelete.toString(), textInsert.toString(), false,
                                deadline));
                    }
                    countInsert = 0;
                    countDelete = 0;
                    textDelete.setLength(0);
                    textInsert.setLength(0);
                    break;
            }
        }
        lineDiffs.remove(lineDiffs.last());
        diffs.addAll(lineDiffs);
    }

    /**
     * One char per line ({@code \n} included), numbering new lines from 1 in order of first appearance; null if
     * there are more lines than a char can number.
     */
    private static String linesToChars(String text, Map<String, Character> lineIds) {
        StringBuilder chars = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(start, end);
            Character id = lineIds.get(line);
            if (id == null) {
                if (lineIds.size() + 1 > Character.MAX_VALUE) {
                    return null;
                }
                id = (char) (lineIds.size() + 1);
                lineIds.put(line, id);
            }
            chars.append(id.charValue());
            start = end;
        }
        return chars.toString();
    }

    /** Myers' middle-snake search; splits there and recurses, or gives a delete+insert when out of time. */
    private static void bisect(String text1, String text2, long deadline, EditList diffs) {
        int length1 = text1.length();
        int length2 = text2.length();
        int maxD = (length1 + length2 + 1) / 2;
        int vOffset = maxD;
        int vLength = 2 * maxD;
        int[] v1 = new int[vLength];
        int[] v2 = new int[vLength];
        java.util.Arrays.fill(v1, -1);
        java.util.Arrays.fill(v2, -1);
        v1[vOffset + 1] = 0;
        v2[vOffset + 1] = 0;
        int delta = length1 - length2;
        boolean front = delta % 2 != 0;
        int k1start = 0;
        int k1end = 0;
        int k2start = 0;
        int k2end = 0;
        for (int d = 0; d < maxD; d++) {
            if (expired(deadline)) {
                break;
            }
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                int k1Offset = vOffset + k1;
                int x1 = (k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1]))
                        ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1;
                int y1 = x1 - k1;
                while (x1 < length1 && y1 < length2 && text1.charAt(x1) == text2.charAt(y1)) {
                    x1++;
                    y1++;
                }
                v1[k1Offset] = x1;
                if (x1 > length1) {
                    k1end += 2;
                } else if (y1 > length2) {
                    k1start += 2;
                } else if (front) {
                    int k2Offset = vOffset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1) {
                        int x2 = length1 - v2[k2Offset];
                        if (x1 >= x2) {
                            bisectSplit(text1, text2, x1, y1, deadline, diffs);
                            return;
                        }
                    }
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                int k2Offset = vOffset + k2;
                int x2 = (k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1]))
                        ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1;
                int y2 = x2 - k2;
                while (x2 < length1 && y2 < length2
                        && text1.charAt(length1 - x2 - 1) == text2.charAt(length2 - y2 - 1)) {
                    x2++;
                    y2++;
                }
                v2[k2Offset] = x2;
                if (x2 > length1) {
                    k2end += 2;
                } else if (y2 > length2) {
                    k2start += 2;
                } else if (!front) {
                    int k1Offset = vOffset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1) {
                        int x1 = v1[k1Offset];
                        int y1 = vOffset + x1 - k1Offset;
                        if (x1 >= length1 - x2) {
                            bisectSplit(text1, text2, x1, y1, deadline, diffs);
                            return;
                        }
                    }
                }
            }
        }
        diffs.addLast(Op.DELETE, text1);
        diffs.addLast(Op.INSERT, text2);
    }

    private static void bisectSplit(String text1, String text2, int x, int y, long deadline, EditList diffs) {
        EditList a = diff(text1.substring(0, x), text2.substring(0, y), false, deadline);
        EditList b = diff(text1.substring(x), text2.substring(y), false, deadline);
        diffs.addAll(a);
        diffs.addAll(b);
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    static int commonSuffix(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int n = Math.min(la, lb);
        for (int i = 1; i <= n; i++) {
            if (a.charAt(la - i) != b.charAt(lb - i)) {
                return i - 1;
            }
        }
        return n;
    }

    /** Length of the longest suffix of {@code a} that is a prefix of {@code b}. */
    static int commonOverlap(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0;
        }
        String ta = la > lb ? a.substring(la - lb) : a;
        String tb = la < lb ? b.substring(0, la) : b;
        int textLength = Math.min(la, lb);
        if (ta.equals(tb)) {
            return textLength;
        }
        int best = 0;
        int length = 1;
        while (true) {
            String pattern = ta.substring(ta.length() - length);
            int found = tb.indexOf(pattern);
            if (found < 0) {
                return best;
            }
            length += found;
            if (found == 0 || ta.substring(ta.length() - length).equals(tb.substring(0, length))) {
                best = length;
                length++;
            }
        }
    }

    /** The result of a half-match: both texts split around a common middle. */
    private static final class HalfMatch {
        String text1A = "";
        String text1B = "";
        String text2A = "";
        String text2B = "";
        String common = "";
    }

    /** A common substring at least half as long as the longer text, or null. */
    private static HalfMatch halfMatch(String text1, String text2) {
        String longText = text1.length() > text2.length() ? text1 : text2;
        String shortText = text1.length() > text2.length() ? text2 : text1;
        if (longText.length() < 4 || shortText.length() * 2 < longText.length()) {
            return null;
        }
        HalfMatch hm1 = new HalfMatch();
        boolean found1 = halfMatchAt(longText, shortText, (longText.length() + 3) / 4, hm1);
        HalfMatch hm2 = new HalfMatch();
        boolean found2 = halfMatchAt(longText, shortText, (longText.length() + 1) / 2, hm2);
        HalfMatch hm;
        if (!found1 && !found2) {
            return null;
        } else if (!found2) {
            hm = hm1;
        } else if (!found1) {
            hm = hm2;
        } else {
            hm = hm1.common.length() > hm2.common.length() ? hm1 : hm2;
        }
        if (text1.length() <= text2.length()) {
            String a = hm.text1A;
            hm.text1A = hm.text2A;
            hm.text2A = a;
            String b = hm.text1B;
            hm.text1B = hm.text2B;
            hm.text2B = b;
        }
        return hm;
    }

    /** Seeds a half-match with the quarter of {@code longText} starting at {@code i}. */
    private static boolean halfMatchAt(String longText, String shortText, int i, HalfMatch best) {
        String seed = mid(longText, i, longText.length() / 4);
        int j = -1;
        while ((j = shortText.indexOf(seed, j + 1)) >= 0) {
            int prefixLength = commonPrefix(mid(longText, i), mid(shortText, j));
            int suffixLength = commonSuffix(longText.substring(0, i), shortText.substring(0, j));
            if (best.common.length() < suffixLength + prefixLength) {
                best.common = mid(shortText, j - suffixLength, suffixLength) + mid(shortText, j, prefixLength);
                best.text1A = longText.substring(0, i - suffixLength);
                best.text1B = mid(longText, i + prefixLength);
                best.text2A = shortText.substring(0, j - suffixLength);
                best.text2B = mid(shortText, j + prefixLength);
            }
        }
        return best.common.length() * 2 >= longText.length();
    }

    static String mid(String s, int pos) {
        return pos >= s.length() ? "" : s.substring(pos);
    }

    static String mid(String s, int pos, int len) {
        return pos >= s.length() ? "" : s.substring(pos, Math.min(s.length(), pos + len));
    }
}

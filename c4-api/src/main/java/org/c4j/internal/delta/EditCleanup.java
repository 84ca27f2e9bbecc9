package org.c4j.internal.delta;

import java.util.ArrayList;
import java.util.List;

import org.c4j.internal.delta.EditList.Edit;
import org.c4j.internal.delta.EditList.Op;

/**
 * The clean-up passes diff-match-patch runs over a diff: merging runs of edits ({@code diff_cleanupMerge}),
 * removing semantically trivial equalities ({@code diff_cleanupSemantic}, with its lossless word-boundary shifting
 * and overlap extraction) and operationally trivial ones ({@code diff_cleanupEfficiency}, edit cost 4). The walks
 * follow the C++ port's list iteration step by step, so the same input gives the same edits. Characters are bytes
 * (Latin-1 chars); "alphanumeric" and "whitespace" are the C locale's.
 *
 * <p>Stateless; thread-safe.
 */
final class EditCleanup {
    /** diff-match-patch's {@code Diff_EditCost}. */
    private static final int EDIT_COST = 4;

    private EditCleanup() {
    }

    /** Reorders and merges like edits, factors out common prefixes/suffixes, merges equalities. */
    static void merge(EditList diffs) {
        diffs.addLast(Op.EQUAL, "");
        int countDelete = 0;
        int countInsert = 0;
        String textDelete = "";
        String textInsert = "";
        Edit prevEqual = null;
        for (Edit cur = diffs.first(); cur != diffs.end(); cur = cur.next) {
            switch (cur.op) {
                case INSERT:
                    countInsert++;
                    textInsert += cur.text;
                    prevEqual = null;
                    break;
                case DELETE:
                    countDelete++;
                    textDelete += cur.text;
                    prevEqual = null;
                    break;
                default:
                    if (countDelete + countInsert > 1) {
                        Edit from = cur;
                        for (int i = 0; i < countDelete + countInsert; i++) {
                            from = from.prev;
                        }
                        diffs.removeRange(from, cur);
                        if (countDelete != 0 && countInsert != 0) {
                            int common = TextDiff.commonPrefix(textInsert, textDelete);
                            if (common != 0) {
                                if (cur != diffs.first()) {
                                    Edit before = cur.prev;
                                    if (before.op != Op.EQUAL) {
                                        throw new IllegalStateException("previous diff should have been an equality");
                                    }
                                    before.text += textInsert.substring(0, common);
                                } else {
                                    diffs.insertBefore(cur, Op.EQUAL, textInsert.substring(0, common));
                                }
                                textInsert = textInsert.substring(common);
                                textDelete = textDelete.substring(common);
                            }
                            common = TextDiff.commonSuffix(textInsert, textDelete);
                            if (common != 0) {
                                cur.text = textInsert.substring(textInsert.length() - common) + cur.text;
                                textInsert = textInsert.substring(0, textInsert.length() - common);
                                textDelete = textDelete.substring(0, textDelete.length() - common);
                            }
                        }
                        if (!textDelete.isEmpty()) {
                            diffs.insertBefore(cur, Op.DELETE, textDelete);
                        }
                        if (!textInsert.isEmpty()) {
                            diffs.insertBefore(cur, Op.INSERT, textInsert);
                        }
                    } else if (prevEqual != null) {
                        prevEqual.text += cur.text;
                        Edit back = cur.prev;
                        diffs.remove(cur);
                        cur = back;
                    }
                    countInsert = 0;
                    countDelete = 0;
                    textDelete = "";
                    textInsert = "";
                    prevEqual = cur;
                    break;
            }
        }
        if (diffs.last().text.isEmpty()) {
            diffs.remove(diffs.last());
        }

        // Second pass: single edits between equalities that can slide over one of them.
        boolean changes = false;
        Edit prev = diffs.first();
        Edit cur = prev;
        if (prev != diffs.end() && (cur = cur.next) != diffs.end()) {
            for (Edit next = cur; (next = next.next) != diffs.end(); prev = cur, cur = next) {
                if (prev.op != Op.EQUAL || next.op != Op.EQUAL) {
                    continue;
                }
                if (cur.text.length() >= prev.text.length() && cur.text.endsWith(prev.text)) {
                    cur.text = prev.text + cur.text.substring(0, cur.text.length() - prev.text.length());
                    next.text = prev.text + next.text;
                    diffs.remove(prev);
                    cur = next;
                    changes = true;
                    if ((next = next.next) == diffs.end()) {
                        break;
                    }
                } else if (cur.text.length() >= next.text.length() && cur.text.startsWith(next.text)) {
                    prev.text += next.text;
                    cur.text = cur.text.substring(next.text.length()) + next.text;
                    next = diffs.remove(next);
                    changes = true;
                    if (next == diffs.end()) {
                        break;
                    }
                }
            }
        }
        if (changes) {
            merge(diffs);
        }
    }

    /** Removes equalities no longer than the edits on both sides, then shifts and extracts overlaps. */
    static void semantic(EditList diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        boolean changes = false;
        List<Edit> equalities = new ArrayList<>();
        String lastEquality = "";
        int insertions1 = 0;
        int deletions1 = 0;
        int insertions2 = 0;
        int deletions2 = 0;
        Edit cur = diffs.first();
        while (cur != diffs.end()) {
            if (cur.op == Op.EQUAL) {
                equalities.add(cur);
                insertions1 = insertions2;
                deletions1 = deletions2;
                insertions2 = 0;
                deletions2 = 0;
                lastEquality = cur.text;
            } else {
                if (cur.op == Op.INSERT) {
                    insertions2 += cur.text.length();
                } else {
                    deletions2 += cur.text.length();
                }
                if (!lastEquality.isEmpty()
                        && lastEquality.length() <= Math.max(insertions1, deletions1)
                        && lastEquality.length() <= Math.max(insertions2, deletions2)) {
                    cur = equalities.get(equalities.size() - 1);
                    cur.op = Op.INSERT;
                    diffs.insertBefore(cur, Op.DELETE, lastEquality);
                    equalities.remove(equalities.size() - 1);
                    if (!equalities.isEmpty()) {
                        equalities.remove(equalities.size() - 1);
                    }
                    insertions1 = 0;
                    deletions1 = 0;
                    insertions2 = 0;
                    deletions2 = 0;
                    lastEquality = "";
                    changes = true;
                    if (!equalities.isEmpty()) {
                        cur = equalities.get(equalities.size() - 1);
                    } else {
                        cur = diffs.first();
                        continue;
                    }
                }
            }
            cur = cur.next;
        }
        if (changes) {
            merge(diffs);
        }
        semanticLossless(diffs);
        extractOverlaps(diffs);
    }

    /** A deletion followed by an insertion that overlap by at least half of one: keep the overlap as equal. */
    private static void extractOverlaps(EditList diffs) {
        Edit cur = diffs.first();
        if (cur == diffs.end()) {
            return;
        }
        for (Edit prev = cur; (cur = cur.next) != diffs.end(); prev = cur) {
            if (prev.op != Op.DELETE || cur.op != Op.INSERT) {
                continue;
            }
            String deletion = prev.text;
            String insertion = cur.text;
            int overlap1 = TextDiff.commonOverlap(deletion, insertion);
            int overlap2 = TextDiff.commonOverlap(insertion, deletion);
            if (overlap1 >= overlap2) {
                if (overlap1 >= deletion.length() / 2.0 || overlap1 >= insertion.length() / 2.0) {
                    diffs.insertBefore(cur, Op.EQUAL, insertion.substring(0, overlap1));
                    prev.text = deletion.substring(0, deletion.length() - overlap1);
                    cur.text = TextDiff.mid(insertion, overlap1);
                }
            } else if (overlap2 >= deletion.length() / 2.0 || overlap2 >= insertion.length() / 2.0) {
                diffs.insertBefore(cur, Op.EQUAL, deletion.substring(0, overlap2));
                prev.op = Op.INSERT;
                prev.text = insertion.substring(0, insertion.length() - overlap2);
                cur.op = Op.DELETE;
                cur.text = TextDiff.mid(deletion, overlap2);
            }
            if ((cur = cur.next) == diffs.end()) {
                break;
            }
        }
    }

    /** Slides single edits between equalities to the best-scoring word/line boundary. */
    static void semanticLossless(EditList diffs) {
        Edit prev = diffs.first();
        Edit cur = prev;
        if (prev == diffs.end() || (cur = cur.next) == diffs.end()) {
            return;
        }
        for (Edit next = cur; (next = next.next) != diffs.end(); prev = cur, cur = next) {
            if (prev.op != Op.EQUAL || next.op != Op.EQUAL) {
                continue;
            }
            String equality1 = prev.text;
            String edit = cur.text;
            String equality2 = next.text;
            int offset = TextDiff.commonSuffix(equality1, edit);
            if (offset != 0) {
                String common = TextDiff.mid(edit, edit.length() - offset);
                equality1 = equality1.substring(0, equality1.length() - offset);
                edit = common + edit.substring(0, edit.length() - offset);
                equality2 = common + equality2;
            }
            String bestEquality1 = equality1;
            String bestEdit = edit;
            String bestEquality2 = equality2;
            int bestScore = score(equality1, edit) + score(edit, equality2);
            while (!edit.isEmpty() && !equality2.isEmpty() && edit.charAt(0) == equality2.charAt(0)) {
                equality1 += edit.charAt(0);
                edit = TextDiff.mid(edit, 1) + equality2.charAt(0);
                equality2 = TextDiff.mid(equality2, 1);
                int score = score(equality1, edit) + score(edit, equality2);
                if (score >= bestScore) {
                    bestScore = score;
                    bestEquality1 = equality1;
                    bestEdit = edit;
                    bestEquality2 = equality2;
                }
            }
            if (!prev.text.equals(bestEquality1)) {
                if (!bestEquality1.isEmpty()) {
                    prev.text = bestEquality1;
                } else {
                    diffs.remove(prev);
                }
                cur.text = bestEdit;
                if (!bestEquality2.isEmpty()) {
                    next.text = bestEquality2;
                } else {
                    diffs.remove(next);
                    next = cur;
                    cur = prev;
                }
            }
        }
    }

    /** How well a boundary between {@code one} and {@code two} falls on a logical break: 6 best, 0 worst. */
    private static int score(String one, String two) {
        if (one.isEmpty() || two.isEmpty()) {
            return 6;
        }
        char c1 = one.charAt(one.length() - 1);
        char c2 = two.charAt(0);
        boolean nonAlnum1 = !isAlnum(c1);
        boolean nonAlnum2 = !isAlnum(c2);
        boolean space1 = nonAlnum1 && isSpace(c1);
        boolean space2 = nonAlnum2 && isSpace(c2);
        boolean lineBreak1 = space1 && (c1 == '\n' || c1 == '\r');
        boolean lineBreak2 = space2 && (c2 == '\n' || c2 == '\r');
        boolean blankLine1 = lineBreak1 && endsWithBlankLine(one);
        boolean blankLine2 = lineBreak2 && startsWithBlankLine(two);
        if (blankLine1 || blankLine2) {
            return 5;
        } else if (lineBreak1 || lineBreak2) {
            return 4;
        } else if (nonAlnum1 && !space1 && space2) {
            return 3;
        } else if (space1 || space2) {
            return 2;
        } else if (nonAlnum1 || nonAlnum2) {
            return 1;
        }
        return 0;
    }

    /** Ends with {@code \n\n} or {@code \n\r\n}. */
    private static boolean endsWithBlankLine(String s) {
        int i = s.length() - 1;
        if (s.charAt(i) != '\n' || --i < 0) {
            return false;
        }
        if (s.charAt(i) == '\r') {
            i--;
        }
        return i >= 0 && s.charAt(i) == '\n';
    }

    /** Starts with {@code \r?\n\r?\n}. */
    private static boolean startsWithBlankLine(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '\r') {
            i++;
        }
        if (i < n && s.charAt(i) == '\n') {
            if (++i < n && s.charAt(i) == '\r') {
                i++;
            }
            return i < n && s.charAt(i) == '\n';
        }
        return false;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Removes short equalities between edits where keeping them costs more than it saves. */
    static void efficiency(EditList diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        boolean changes = false;
        List<Edit> equalities = new ArrayList<>();
        String lastEquality = "";
        boolean preIns = false;
        boolean preDel = false;
        boolean postIns = false;
        boolean postDel = false;
        Edit cur = diffs.first();
        while (cur != diffs.end()) {
            if (cur.op == Op.EQUAL) {
                if (cur.text.length() < EDIT_COST && (postIns || postDel)) {
                    equalities.add(cur);
                    preIns = postIns;
                    preDel = postDel;
                    lastEquality = cur.text;
                } else {
                    equalities.clear();
                    lastEquality = "";
                }
                postIns = false;
                postDel = false;
            } else {
                if (cur.op == Op.DELETE) {
                    postDel = true;
                } else {
                    postIns = true;
                }
                int sides = (preIns ? 1 : 0) + (preDel ? 1 : 0) + (postIns ? 1 : 0) + (postDel ? 1 : 0);
                if (!lastEquality.isEmpty()
                        && ((preIns && preDel && postIns && postDel)
                            || (lastEquality.length() < EDIT_COST / 2 && sides == 3))) {
                    cur = equalities.get(equalities.size() - 1);
                    cur.op = Op.INSERT;
                    diffs.insertBefore(cur, Op.DELETE, lastEquality);
                    equalities.remove(equalities.size() - 1);
                    lastEquality = "";
                    changes = true;
                    if (preIns && preDel) {
                        postIns = true;
                        postDel = true;
                        equalities.clear();
                    } else {
                        if (!equalities.isEmpty()) {
                            equalities.remove(equalities.size() - 1);
                        }
                        postIns = false;
                        postDel = false;
                        if (!equalities.isEmpty()) {
                            cur = equalities.get(equalities.size() - 1);
                        } else {
                            cur = diffs.first();
                            continue;
                        }
                    }
                }
            }
            cur = cur.next;
        }
        if (changes) {
            merge(diffs);
        }
    }
}

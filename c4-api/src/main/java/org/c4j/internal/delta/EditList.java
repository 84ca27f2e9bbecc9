package org.c4j.internal.delta;

/**
 * A doubly linked list of text edits with a sentinel, so the diff steps can keep references to entries while they
 * insert and remove around them (the way diff-match-patch's C++ port walks its {@code std::list}).
 *
 * <p>Text is held as Latin-1 Java strings: one char per byte of the UTF-8 string being diffed.
 *
 * <p>Not thread-safe; each diff owns its lists.
 */
final class EditList {
    /** The three kinds of edit. */
    enum Op { DELETE, INSERT, EQUAL }

    /** One entry. {@code op} and {@code text} are changed in place by the cleanup steps. */
    static final class Edit {
        Op op;
        String text;
        Edit prev;
        Edit next;

        Edit(Op op, String text) {
            this.op = op;
            this.text = text;
        }

        /** Same operation and text (the C++ port compares entries by value in one place). */
        boolean sameAs(Edit o) {
            return op == o.op && text.equals(o.text);
        }

        @Override
        public String toString() {
            return op + "(" + text + ")";
        }
    }

    private final Edit end = new Edit(Op.EQUAL, "");
    private int size;

    EditList() {
        end.prev = end;
        end.next = end;
    }

    /** The sentinel after the last entry (and before the first). */
    Edit end() {
        return end;
    }

    /** The first entry, or {@link #end()} when empty. */
    Edit first() {
        return end.next;
    }

    /** The last entry, or {@link #end()} when empty. */
    Edit last() {
        return end.prev;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void addLast(Op op, String text) {
        insertBefore(end, new Edit(op, text));
    }

    void addFirst(Op op, String text) {
        insertBefore(end.next, new Edit(op, text));
    }

    /** Inserts {@code e} before {@code at} (which may be {@link #end()}); returns {@code e}. */
    Edit insertBefore(Edit at, Edit e) {
        e.prev = at.prev;
        e.next = at;
        at.prev.next = e;
        at.prev = e;
        size++;
        return e;
    }

    Edit insertBefore(Edit at, Op op, String text) {
        return insertBefore(at, new Edit(op, text));
    }

    /** Removes {@code e}; returns the entry that followed it. {@code e} keeps its links (not to be walked again). */
    Edit remove(Edit e) {
        e.prev.next = e.next;
        e.next.prev = e.prev;
        size--;
        return e.next;
    }

    /** Removes every entry from {@code from} up to, not including, {@code to}. */
    void removeRange(Edit from, Edit to) {
        Edit e = from;
        while (e != to) {
            e = remove(e);
        }
    }

    /** Moves all entries of {@code other} before {@code at}, leaving {@code other} empty. */
    void spliceBefore(Edit at, EditList other) {
        while (!other.isEmpty()) {
            Edit e = other.first();
            other.remove(e);
            insertBefore(at, e);
        }
    }

    /** Appends all entries of {@code other}, leaving it empty. */
    void addAll(EditList other) {
        spliceBefore(end, other);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (Edit e = first(); e != end; e = e.next) {
            sb.append(e == first() ? "" : ", ").append(e);
        }
        return sb.append(']').toString();
    }
}

package org.c4j.storage.internal;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Comparator;
import jnr.ffi.Pointer;
import org.lmdbjava.BufferProxy;
import sun.misc.Unsafe;

/**
 * LMDBJava buffer proxy over direct {@link ByteBuffer}s that needs no {@code --add-opens}.
 *
 * <p>LMDBJava's own {@code ByteBufferProxy} makes {@code Buffer.address} accessible by reflection, which JDK 17
 * forbids unless the JVM runs with {@code --add-opens java.base/java.nio=ALL-UNNAMED} (and
 * {@code sun.nio.ch}). This proxy reads and writes the same two fields through {@code sun.misc.Unsafe} field
 * offsets, which {@code jdk.unsupported} grants without flags, so users never have to pass JVM options.
 *
 * <p>Buffers handed out by LMDB ({@link #out}) point into the memory map: they are only valid until the next
 * operation on the same cursor or transaction, and the map is read-only, so they must never be written.
 * Buffers handed in ({@link #in}) must be direct. Stateless; thread-safe.
 */
public final class MappedBufferProxy extends BufferProxy<ByteBuffer> {
    /** The one instance. */
    public static final MappedBufferProxy INSTANCE = new MappedBufferProxy();

    private static final Unsafe UNSAFE;
    private static final long ADDRESS_OFFSET;
    private static final long CAPACITY_OFFSET;
    /** Duplicates of a direct buffer are cheap views without a native allocation or cleaner of their own. */
    private static final ByteBuffer TEMPLATE = ByteBuffer.allocateDirect(0);

    static {
        try {
            Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            UNSAFE = (Unsafe) theUnsafe.get(null);
            ADDRESS_OFFSET = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            CAPACITY_OFFSET = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("capacity"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MappedBufferProxy() {
    }

    @Override
    protected ByteBuffer allocate() {
        return TEMPLATE.duplicate();
    }

    @Override
    protected void deallocate(ByteBuffer buffer) {
        // Views own no memory.
    }

    @Override
    protected byte[] getBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Override
    protected Comparator<ByteBuffer> getSignedComparator() {
        return ByteBuffer::compareTo;
    }

    @Override
    protected Comparator<ByteBuffer> getUnsignedComparator() {
        return ByteBuffer::compareTo;
    }

    @Override
    protected void in(ByteBuffer buffer, Pointer ptr, long ptrAddr) {
        UNSAFE.putLong(ptrAddr + STRUCT_FIELD_OFFSET_SIZE, buffer.remaining());
        UNSAFE.putLong(ptrAddr + STRUCT_FIELD_OFFSET_DATA, address(buffer));
    }

    @Override
    protected void in(ByteBuffer buffer, int size, Pointer ptr, long ptrAddr) {
        UNSAFE.putLong(ptrAddr + STRUCT_FIELD_OFFSET_SIZE, size);
        UNSAFE.putLong(ptrAddr + STRUCT_FIELD_OFFSET_DATA, address(buffer));
    }

    @Override
    protected ByteBuffer out(ByteBuffer buffer, Pointer ptr, long ptrAddr) {
        UNSAFE.putLong(buffer, ADDRESS_OFFSET, UNSAFE.getLong(ptrAddr + STRUCT_FIELD_OFFSET_DATA));
        UNSAFE.putInt(buffer, CAPACITY_OFFSET, (int) UNSAFE.getLong(ptrAddr + STRUCT_FIELD_OFFSET_SIZE));
        buffer.clear();
        return buffer;
    }

    /** Size of LMDB's {@code MDB_val} struct ({@code size_t mv_size; void *mv_data}). */
    static final int MDB_VAL_SIZE = MDB_VAL_STRUCT_SIZE;

    /** A view buffer for {@link #load}. */
    static ByteBuffer newView() {
        return TEMPLATE.duplicate();
    }

    /** Writes {@code buffer}'s remaining bytes as the {@code MDB_val} at native address {@code struct}. */
    static void store(long struct, ByteBuffer buffer) {
        store(struct, address(buffer), buffer.remaining());
    }

    /** Writes the {@code MDB_val} at native address {@code struct}. */
    static void store(long struct, long data, long size) {
        UNSAFE.putLong(struct + STRUCT_FIELD_OFFSET_SIZE, size);
        UNSAFE.putLong(struct + STRUCT_FIELD_OFFSET_DATA, data);
    }

    /** Points {@code view} at the memory the {@code MDB_val} at native address {@code struct} describes. */
    static ByteBuffer load(ByteBuffer view, long struct) {
        UNSAFE.putLong(view, ADDRESS_OFFSET, UNSAFE.getLong(struct + STRUCT_FIELD_OFFSET_DATA));
        UNSAFE.putInt(view, CAPACITY_OFFSET, (int) UNSAFE.getLong(struct + STRUCT_FIELD_OFFSET_SIZE));
        view.clear();
        return view;
    }

    private static long address(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("LMDB needs direct buffers");
        }
        return UNSAFE.getLong(buffer, ADDRESS_OFFSET) + buffer.position();
    }
}

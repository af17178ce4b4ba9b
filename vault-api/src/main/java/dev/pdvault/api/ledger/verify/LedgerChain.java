package dev.pdvault.api.ledger.verify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over the event store, in global order. A leaf is SHA-256 over {@code 0x00} and the event's canonical
 * encoding: its global index and sequence number as 8-byte big-endian integers; event identifier, aggregate
 * identifier, type, payload type, payload revision, payload, meta data and time stamp each as a 4-byte big-endian
 * length (-1 for null) followed by the bytes (strings in UTF-8), in the order
 * {@code global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type, payload_revision,
 * payload, meta_data, time_stamp}. The chain starts at 32 zero bytes; {@code chain_i = SHA-256(0x01 || chain_(i-1) ||
 * leaf_i)}. Gaps in the global index are simply absent: the global index is inside each leaf, so an event moved,
 * deleted or inserted changes every chain value from its position on.
 */
public final class LedgerChain {

    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private LedgerChain() {
    }

    public static byte[] leaf(EventRow e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + e.payload().length);
        out.write(0x00);
        putLong(out, e.globalIndex());
        putString(out, e.eventIdentifier());
        putString(out, e.aggregateIdentifier());
        putLong(out, e.sequenceNumber());
        putString(out, e.type());
        putString(out, e.payloadType());
        putString(out, e.payloadRevision());
        putBytes(out, e.payload());
        putBytes(out, e.metaData());
        putString(out, e.timeStamp());
        return sha256().digest(out.toByteArray());
    }

    public static byte[] next(byte[] previous, byte[] leaf) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(previous);
        digest.update(leaf);
        return digest.digest();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    private static void putLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static void putString(ByteArrayOutputStream out, String value) {
        putBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void putBytes(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

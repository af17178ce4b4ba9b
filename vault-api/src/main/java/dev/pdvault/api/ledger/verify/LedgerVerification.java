package dev.pdvault.api.ledger.verify;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The verifier's logic, a pure function of the event rows (in the order the store or export holds them), the
 * checkpoint an auditor saved (with its entries, if saved) and the public key the auditor pinned.
 */
public final class LedgerVerification {

    private LedgerVerification() {
    }

    /** The verification primitive of a public Tink keyset in JSON, as {@code GET /v1/ledger/public-key} serves it. */
    public static PublicKeyVerify publicKey(String publicKeysetJson) throws GeneralSecurityException {
        SignatureConfig.register();
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson);
        return handle.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    }

    public static boolean signatureVerifies(PublicKeyVerify key, Checkpoint checkpoint) {
        try {
            key.verify(Base64.getDecoder().decode(checkpoint.signature()), checkpoint.signedBytes());
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Checks the signature, then the saved entries against the signed head, then the events against the entries.
     *
     * @param entries the chain entries from the start up to the checkpoint, or null when only the checkpoint was kept
     */
    public static Finding verify(List<EventRow> events, Checkpoint checkpoint, List<ChainEntry> entries,
                                 PublicKeyVerify key) {
        if (!signatureVerifies(key, checkpoint)) {
            return new Finding(Finding.Kind.BAD_SIGNATURE, null, "checkpoint " + checkpoint.number()
                    + " is not signed by the pinned key");
        }
        long last = checkpoint.lastGlobalIndex();
        List<EventRow> covered = events.stream().filter(e -> e.globalIndex() <= last).toList();
        if (entries == null) {
            return againstHead(covered, events, checkpoint);
        }
        Finding proof = checkEntries(entries, checkpoint);
        if (proof != null) {
            return proof;
        }
        int j = 0;
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry expected = entries.get(i);
            if (j >= covered.size()) {
                return truncated(expected.globalIndex(), covered, checkpoint);
            }
            EventRow actual = covered.get(j);
            if (actual.globalIndex() == expected.globalIndex()) {
                if (!LedgerChain.hex(LedgerChain.leaf(actual)).equals(expected.leaf())) {
                    return new Finding(Finding.Kind.CHANGED, expected.globalIndex(), "the event "
                            + actual.eventIdentifier() + " differs from the one checkpointed");
                }
                j++;
            } else if (actual.globalIndex() < expected.globalIndex()) {
                return new Finding(Finding.Kind.EXTRA, actual.globalIndex(), "the event " + actual.eventIdentifier()
                        + " was not in the checkpoint");
            } else if (laterHolds(covered, j, expected.globalIndex())) {
                return new Finding(Finding.Kind.REORDERED, expected.globalIndex(), "the checkpointed event of this"
                        + " position comes later; global index " + actual.globalIndex() + " comes first");
            } else {
                return new Finding(Finding.Kind.MISSING, expected.globalIndex(), "a checkpointed event is gone");
            }
        }
        if (j < covered.size()) {
            EventRow extra = covered.get(j);
            return new Finding(Finding.Kind.EXTRA, extra.globalIndex(), "the event " + extra.eventIdentifier()
                    + " was not in the checkpoint");
        }
        return ok(events, checkpoint);
    }

    private static Finding againstHead(List<EventRow> covered, List<EventRow> events, Checkpoint checkpoint) {
        long lastSeen = covered.stream().mapToLong(EventRow::globalIndex).max().orElse(0);
        if (lastSeen < checkpoint.lastGlobalIndex()) {
            return new Finding(Finding.Kind.TRUNCATED, null, "the checkpoint covers global indexes up to "
                    + checkpoint.lastGlobalIndex() + ", the events end at " + lastSeen);
        }
        byte[] chain = LedgerChain.GENESIS;
        for (EventRow e : covered) {
            chain = LedgerChain.next(chain, LedgerChain.leaf(e));
        }
        if (covered.size() != checkpoint.size() || !LedgerChain.hex(chain).equals(checkpoint.head())) {
            return new Finding(Finding.Kind.DIFFERS, null, "the events up to global index "
                    + checkpoint.lastGlobalIndex() + " do not reproduce the checkpoint's head; save the checkpoint"
                    + " with its entries (a consistency proof from the start) to find the position");
        }
        return ok(events, checkpoint);
    }

    private static Finding checkEntries(List<ChainEntry> entries, Checkpoint checkpoint) {
        byte[] chain = LedgerChain.GENESIS;
        long previous = Long.MIN_VALUE;
        for (ChainEntry entry : entries) {
            if (entry.globalIndex() <= previous) {
                return badProof("the entries are not in increasing global order at " + entry.globalIndex());
            }
            previous = entry.globalIndex();
            chain = LedgerChain.next(chain, LedgerChain.unhex(entry.leaf()));
            if (entry.chain() != null && !Arrays.equals(chain, LedgerChain.unhex(entry.chain()))) {
                return badProof("the entry at global index " + entry.globalIndex() + " does not chain");
            }
        }
        if (entries.size() != checkpoint.size() || !LedgerChain.hex(chain).equals(checkpoint.head())
                || (!entries.isEmpty() && previous != checkpoint.lastGlobalIndex())) {
            return badProof("the saved entries do not chain to the checkpoint's signed head");
        }
        return null;
    }

    private static Finding badProof(String message) {
        return new Finding(Finding.Kind.BAD_PROOF, null, message);
    }

    private static Finding truncated(long firstMissing, List<EventRow> covered, Checkpoint checkpoint) {
        long lastSeen = covered.isEmpty() ? 0 : covered.get(covered.size() - 1).globalIndex();
        return new Finding(Finding.Kind.TRUNCATED, firstMissing, "the checkpoint covers global indexes up to "
                + checkpoint.lastGlobalIndex() + ", the events end at " + lastSeen);
    }

    private static boolean laterHolds(List<EventRow> rows, int from, long globalIndex) {
        for (int k = from + 1; k < rows.size(); k++) {
            if (rows.get(k).globalIndex() == globalIndex) {
                return true;
            }
        }
        return false;
    }

    private static Finding ok(List<EventRow> events, Checkpoint checkpoint) {
        Set<Long> seen = new HashSet<>();
        long beyond = events.stream().filter(e -> e.globalIndex() > checkpoint.lastGlobalIndex())
                .filter(e -> seen.add(e.globalIndex())).count();
        return new Finding(Finding.Kind.OK, null, checkpoint.size() + " event(s) up to global index "
                + checkpoint.lastGlobalIndex() + " match checkpoint " + checkpoint.number() + " (" + beyond
                + " later event(s) not covered)");
    }
}

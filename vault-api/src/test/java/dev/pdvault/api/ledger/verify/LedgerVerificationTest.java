package dev.pdvault.api.ledger.verify;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each tampering is found at the right global index; untouched history verifies. */
class LedgerVerificationTest {

    private KeysetHandle vaultKey;
    private PublicKeyVerify pinned;
    private List<EventRow> events;
    private List<ChainEntry> entries;
    private Checkpoint checkpoint;

    @BeforeEach
    void history() throws GeneralSecurityException {
        SignatureConfig.register();
        vaultKey = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        pinned = LedgerVerification.publicKey(
                TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(vaultKey.getPublicKeysetHandle()));
        events = new ArrayList<>();
        for (long g : new long[]{1, 2, 3, 5, 6, 7, 9, 10}) {
            events.add(event(g));
        }
        entries = new ArrayList<>();
        byte[] chain = LedgerChain.GENESIS;
        for (EventRow e : events) {
            byte[] leaf = LedgerChain.leaf(e);
            chain = LedgerChain.next(chain, leaf);
            entries.add(new ChainEntry(e.globalIndex(), LedgerChain.hex(leaf), LedgerChain.hex(chain)));
        }
        checkpoint = sign(vaultKey, 1, events.size(), 10, LedgerChain.hex(chain));
        events.add(event(11));
    }

    private static EventRow event(long g) {
        return new EventRow(g, "event-" + g, "aggregate-" + (g % 3), g, "Subject", "dev.pdvault.SomethingHappened",
                "1", ("{\"n\":" + g + "}").getBytes(StandardCharsets.UTF_8), null, "2026-01-01T00:00:0" + (g % 10) + "Z");
    }

    private static Checkpoint sign(KeysetHandle key, long number, long size, long last, String head)
            throws GeneralSecurityException {
        Checkpoint unsigned = new Checkpoint(number, size, last, head, key.getPrimary().getId(), null,
                "2026-01-01T00:01:00Z");
        byte[] signature = key.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class)
                .sign(unsigned.signedBytes());
        return new Checkpoint(number, size, last, head, unsigned.keyId(),
                Base64.getEncoder().encodeToString(signature), unsigned.createdAt());
    }

    private Finding verify() {
        return LedgerVerification.verify(events, checkpoint, entries, pinned);
    }

    private int at(long globalIndex) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).globalIndex() == globalIndex) {
                return i;
            }
        }
        throw new AssertionError("no event " + globalIndex);
    }

    @Test
    void untouchedHistoryVerifiesWithAndWithoutEntries() {
        assertThat(verify().kind()).isEqualTo(Finding.Kind.OK);
        assertThat(LedgerVerification.verify(events, checkpoint, null, pinned).kind()).isEqualTo(Finding.Kind.OK);
    }

    @Test
    void aFlippedPayloadByteIsFoundAtItsEvent() {
        EventRow e = events.get(at(6));
        byte[] payload = e.payload().clone();
        payload[3] ^= 0x01;
        events.set(at(6), new EventRow(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(),
                e.sequenceNumber(), e.type(), e.payloadType(), e.payloadRevision(), payload, e.metaData(),
                e.timeStamp()));
        assertThat(verify()).isEqualTo(new Finding(Finding.Kind.CHANGED, 6L, verify().message()));
        assertThat(LedgerVerification.verify(events, checkpoint, null, pinned).kind())
                .isEqualTo(Finding.Kind.DIFFERS);
    }

    @Test
    void aDeletedEventIsFoundAtItsPosition() {
        events.remove(at(5));
        Finding finding = verify();
        assertThat(finding.kind()).isEqualTo(Finding.Kind.MISSING);
        assertThat(finding.position()).isEqualTo(5L);
    }

    @Test
    void twoSwappedEventsAreFoundAtTheFirst() {
        int three = at(3);
        int seven = at(7);
        EventRow e3 = events.get(three);
        events.set(three, events.get(seven));
        events.set(seven, e3);
        Finding finding = verify();
        assertThat(finding.kind()).isEqualTo(Finding.Kind.REORDERED);
        assertThat(finding.position()).isEqualTo(3L);
    }

    @Test
    void twoEventsWithSwappedContentsAreFoundAtTheFirst() {
        EventRow e3 = events.get(at(3));
        EventRow e7 = events.get(at(7));
        events.set(at(3), withIndex(e7, 3));
        events.set(at(7), withIndex(e3, 7));
        Finding finding = verify();
        assertThat(finding.kind()).isEqualTo(Finding.Kind.CHANGED);
        assertThat(finding.position()).isEqualTo(3L);
    }

    private static EventRow withIndex(EventRow e, long g) {
        return new EventRow(g, e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.type(),
                e.payloadType(), e.payloadRevision(), e.payload(), e.metaData(), e.timeStamp());
    }

    @Test
    void aTruncatedTailIsFoundAtTheFirstMissingPosition() {
        events.subList(at(7), events.size()).clear();
        Finding finding = verify();
        assertThat(finding.kind()).isEqualTo(Finding.Kind.TRUNCATED);
        assertThat(finding.position()).isEqualTo(7L);
        assertThat(LedgerVerification.verify(events, checkpoint, null, pinned).kind())
                .isEqualTo(Finding.Kind.TRUNCATED);
    }

    @Test
    void anEventInsertedIntoAGapIsFound() {
        events.add(at(5), event(4));
        Finding finding = verify();
        assertThat(finding.kind()).isEqualTo(Finding.Kind.EXTRA);
        assertThat(finding.position()).isEqualTo(4L);
    }

    @Test
    void aResignedFakeCheckpointIsRefused() throws GeneralSecurityException {
        events.remove(at(5));
        List<ChainEntry> forged = new ArrayList<>();
        byte[] chain = LedgerChain.GENESIS;
        for (EventRow e : events.subList(0, events.size() - 1)) {
            byte[] leaf = LedgerChain.leaf(e);
            chain = LedgerChain.next(chain, leaf);
            forged.add(new ChainEntry(e.globalIndex(), LedgerChain.hex(leaf), LedgerChain.hex(chain)));
        }
        KeysetHandle attacker = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        Checkpoint fake = sign(attacker, 1, forged.size(), 10, LedgerChain.hex(chain));
        Finding finding = LedgerVerification.verify(events, fake, forged, pinned);
        assertThat(finding.kind()).isEqualTo(Finding.Kind.BAD_SIGNATURE);
        Checkpoint edited = new Checkpoint(1, forged.size(), 10, LedgerChain.hex(chain), checkpoint.keyId(),
                checkpoint.signature(), checkpoint.createdAt());
        assertThat(LedgerVerification.verify(events, edited, forged, pinned).kind())
                .isEqualTo(Finding.Kind.BAD_SIGNATURE);
    }

    @Test
    void editedSavedEntriesAreRefused() {
        ChainEntry e = entries.get(2);
        entries.set(2, new ChainEntry(e.globalIndex(), LedgerChain.hex(new byte[32]), null));
        assertThat(verify().kind()).isEqualTo(Finding.Kind.BAD_PROOF);
    }
}

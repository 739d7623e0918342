package dev.tlsworkbook.engine;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.AlertLevel;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.VerifyPolicy;
import dev.tlsworkbook.handshake.client.ExpectServerHello;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.message.HandshakeDeframer;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.server.ExpectClientHello;
import dev.tlsworkbook.handshake.state.ConnectedState;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.DerivedSecret;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.RecordListener;
import dev.tlsworkbook.record.protection.NullProtection;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.RecordProtection;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sans-IO TLS 1.3 connection (GUIDE §1, §6): bytes from the network go in with
 * {@link #receive}, bytes for the network come out of {@link #takeOutput}, plaintext goes in and
 * out on the application side. No socket, no thread. Not thread-safe; the blocking adapters lock
 * around it.
 *
 * <p>The engine owns the record layer, the handshake deframer and the current
 * {@link HandshakeState}. It is the single place where a local error becomes exactly one fatal
 * alert (RFC 8446 §6.2): the alert is queued under the current write keys, the engine closes, and
 * every later call throws the same exception.
 *
 * <h2>Back-pressure: the contract with the caller</h2>
 * Received plaintext waits in the engine until the application reads it, up to
 * {@link TlsConfig#maxBufferedPlaintext()} bytes (64 KiB by default). Once that much is waiting,
 * the engine opens no further record: {@link #receive} takes bytes only up to the end of the
 * record it holds and returns how many it took. The caller keeps the rest (or stops reading the
 * socket), reads plaintext with {@link #readPlaintext}, and then offers the rest again; an empty
 * {@code receive} opens the held record. {@link #wantsInput()} says whether bytes would be taken.
 * So a peer that sends without end to an application that never reads costs one buffered record
 * and the plaintext limit, and the network (TCP's window) carries the wait back to the sender.
 *
 * <h2>Memory</h2>
 * The 16 KiB buffers a record is opened into and sealed into belong to the calling thread, not to
 * the connection; the read buffer and the queues grow with use and {@link #trimBuffers()} gives
 * them back when the connection is idle, so an idle connection holds only its keys and state.
 *
 * @since chapter04
 */
public final class TlsEngine {
    /**
     * How many records in a row may arrive without application data once the handshake is done
     * (empty application_data records, post-handshake messages such as KeyUpdate or
     * NewSessionTicket, warning alerts), or warning alerts (user_canceled) during the handshake.
     * Each is legal alone; an endless stream of them only burns CPU, so, like OpenSSL's limit on
     * empty records, the 33rd in a row ends the connection (logged at INFO). change_cipher_spec
     * records are not counted: only one is tolerated at all (RFC 8446 Appendix D.4).
     */
    public static final int MAX_RECORDS_WITHOUT_DATA = 32;

    private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);
    /** The tag length of AES-GCM and ChaCha20-Poly1305 (RFC 5116 §5.1, RFC 8439 §2.8). */
    private static final int AEAD_TAG_LENGTH = 16;
    /** The violations that mean a configured limit fired (GUIDE §11). */
    private static final java.util.Set<Violation> LIMITS = java.util.EnumSet.of(Violation.HANDSHAKE_MESSAGE_TOO_LARGE,
            Violation.TOO_MANY_RECORDS_WITHOUT_DATA, Violation.CERTIFICATE_PATH_LIMIT);

    /**
     * Per-thread scratch space: a record is opened into {@code open} and sealed into {@code seal},
     * and both are copied out before the engine returns, so connections served by one thread
     * share two 16 KiB arrays instead of holding two each.
     */
    private record Scratch(byte[] open, byte[] seal) {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(() ->
                new Scratch(new byte[RecordLayer.OPEN_BUFFER_SIZE], new byte[RecordHeader.MAX_RECORD + 64]));
    }

    private final TlsConfig config;
    private final boolean client;
    private final TraceListener trace;
    private final RecordLayer records = new RecordLayer();
    private final HandshakeDeframer deframer;
    private final OpenedRecord opened = new OpenedRecord();
    /** The calling thread's buffer records are opened into; set by {@link #receive}. */
    private byte[] openBuffer;
    private ByteArrayOutputStream pendingHandshake = new ByteArrayOutputStream(0);
    private final Output output = new Output();
    private final ByteQueue out = new ByteQueue(0);
    private final ByteQueue plaintext = new ByteQueue(0);
    /** True while a whole record waits because the plaintext buffer is full; for the log. */
    private boolean heldBack;

    private HandshakeState state;
    private String readEpoch = "plaintext";
    private String writeEpoch = "plaintext";
    private int lastOuterType = -1;
    private int lastRecordLength;
    /** The body of the last record received if it was an unprotected two-byte alert, else null. */
    private byte[] lastClearAlert;
    private boolean skipEarlyData;
    /** Server: whether any bytes have arrived (the first ones may be an SSL 2.0 ClientHello). */
    private boolean receivedAny;
    /** Records received in a row that carried no application data; see {@link #MAX_RECORDS_WITHOUT_DATA}. */
    private int recordsWithoutData;
    private long earlyDataSkipped;
    /** Server: the most 0-RTT bytes accepted, -1 while 0-RTT is not accepted (RFC 8446 §4.2.10). */
    private long earlyDataLimit = -1;
    private long earlyDataReceived;
    /** Server: accepted 0-RTT data, kept apart from ordinary data. */
    private final ByteQueue earlyData = new ByteQueue(0);
    /** Client: the 0-RTT bytes written. */
    private int earlyDataSent;
    /** Compatibility change_cipher_spec records received; RFC 8446 Appendix D.4 allows one. */
    private int changeCipherSpecsReceived;
    /** The fatal alert we put on the wire, if any (a truncated connection fails without one). */
    private AlertDescription fatalAlertSent;
    private boolean inboundClosed;
    private boolean outboundClosed;
    private TlsException failure;
    private HandshakeSummary summary;
    private List<X509Certificate> peerCertificates = List.of();
    private String serverName;
    /** The most content bytes per protected record we send: 2^14, or less under the peer's record_size_limit (RFC 8449). */
    private int maxFragment = RecordHeader.MAX_PLAINTEXT;
    /** Our record_size_limit once the peer has acknowledged it (RFC 8449 §4); 0 before. */
    private int enforcedRecordSizeLimit;
    private ExporterSecret exporter;

    private TlsEngine(TlsConfig config, boolean client) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = client;
        this.trace = config.traceListener();
        // GUIDE §11: the limit per message type is decided in one place, the configuration.
        this.deframer = new HandshakeDeframer(config::maxHandshakeMessageSize);
        records.listener(new RecordListener() {
            @Override
            public void sent(byte[] record, int offset, int length) {
                traceRecord(TraceListener.Direction.SENT, record, offset, length, writeEpoch);
            }

            @Override
            public void received(byte[] record, int offset, int length) {
                lastOuterType = RecordHeader.type(record, offset);
                traceRecord(TraceListener.Direction.RECEIVED, record, offset, length, readEpoch);
            }
        });
    }

    /**
     * A client connecting to {@code serverName} (a host name, sent as server_name, or an IP literal;
     * null for no SNI, allowed only with a trust policy that checks no name). The ClientHello is
     * queued at once.
     *
     * @throws IllegalArgumentException for a null name with a {@link VerifyPolicy} that checks names
     */
    public static TlsEngine client(TlsConfig config, String serverName) {
        return client(config, serverName, -1, null);
    }

    /**
     * A client connecting to {@code serverName} on {@code port}: tickets from that server are filed
     * under the name and port in the configuration's session cache, and the newest is offered
     * (RFC 8446 §2.2).
     */
    public static TlsEngine client(TlsConfig config, String serverName, int port) {
        return client(config, serverName, port, null);
    }

    /**
     * A client that also sends {@code earlyData} as 0-RTT data (RFC 8446 §2.3) when the cached
     * ticket allows it, up to the ticket's max_early_data_size. Whether the server took it shows in
     * {@link #earlyDataStatus()} once the handshake is complete; rejected data is gone, and the
     * application decides whether to send it again (§4.2.10: "may" retransmit). 0-RTT data can be
     * replayed by an attacker (§8): send only requests that are safe to repeat.
     *
     * @param earlyData the 0-RTT data, or null for none
     */
    public static TlsEngine client(TlsConfig config, String serverName, int port, byte[] earlyData) {
        // RFC 9525 §6: the verify policy checks the server's name, so it needs one; skipping the check is a
        // choice made visibly (VerifyPolicy.withoutHostnameCheck()), never the silent result of a missing name.
        if (serverName == null && config.trustPolicy() instanceof VerifyPolicy verify && verify.checksHostname()) {
            throw new IllegalArgumentException("the verify policy needs the server's name (host name or IP address); "
                    + "to accept any name from a trusted CA, use VerifyPolicy.withoutHostnameCheck()");
        }
        TlsEngine engine = new TlsEngine(config, true);
        engine.serverName = serverName;
        engine.guard(() -> {
            ExpectServerHello start = ExpectServerHello.start(config, serverName, port, earlyData != null, engine.output);
            engine.state = start;
            engine.flushHandshake();
            if (earlyData != null && start.earlyDataLimit() > 0) {
                int n = (int) Math.min(earlyData.length, start.earlyDataLimit());
                for (int pos = 0; pos < n; pos += RecordHeader.MAX_PLAINTEXT) {
                    engine.seal(ContentType.APPLICATION_DATA, earlyData, pos, Math.min(RecordHeader.MAX_PLAINTEXT, n - pos));
                }
                engine.earlyDataSent = n;
            }
        });
        return engine;
    }

    /** A server waiting for a ClientHello. */
    public static TlsEngine server(TlsConfig config) {
        TlsEngine engine = new TlsEngine(config, false);
        engine.state = new ExpectClientHello(config);
        return engine;
    }

    // ------------------------------------------------------------------ network side

    /**
     * Feeds bytes received from the peer and processes every complete record, as long as the
     * application has room: once {@link TlsConfig#maxBufferedPlaintext()} bytes of plaintext wait
     * to be read, the engine stops at the end of the record it holds and returns how many bytes
     * it took. The caller offers the rest again after {@link #readPlaintext} (see the class
     * comment); a call with no bytes opens a held record.
     *
     * @return how many of the {@code len} bytes were taken; {@code len} unless the application is behind
     * @throws TlsException on a local error (after queueing its fatal alert) or a fatal alert from the peer
     */
    public int receive(byte[] in, int off, int len) {
        Objects.checkFromIndexSize(off, len, in.length);
        checkOpen();
        if (!client && !receivedAny && len > 0) {
            receivedAny = true;
            refuseSslv2Hello(in, off, len);
        }
        int[] taken = new int[1];
        guard(() -> {
            openBuffer = Scratch.OF_THREAD.get().open();
            int pos = off;
            int end = off + len;
            processRecords();
            while (pos < end) {
                int n = records.feed(in, pos, end - pos);
                if (n == 0) {
                    break; // a whole record is held until the application reads
                }
                pos += n;
                processRecords();
            }
            // A whole record is opened where it lies in the caller's array; one left unopened
            // (the application is behind) moves to the record layer's buffer before we return.
            records.keepHeldRecord();
            taken[0] = pos - off;
        });
        return taken[0];
    }

    /**
     * False while a whole record is held because the application has not read the plaintext
     * before it: a caller that reads the network only when this is true never buffers more than
     * one record of ciphertext.
     */
    public boolean wantsInput() {
        return failure == null && !(records.hasWholeRecord() && plaintextFull());
    }

    /**
     * Gives back the memory an idle connection does not need: the read buffer grown for large
     * records, and the emptied queues of output and plaintext. They are allocated again, at the
     * size needed, when data flows. Call it when the connection has been quiet for a while.
     */
    public void trimBuffers() {
        records.trim();
        out.trim();
        plaintext.trim();
    }

    /**
     * The transport reached end of stream. Fine after the peer's close_notify; otherwise the
     * connection was truncated (RFC 8446 §6.1): a {@link Violation#TRUNCATION} error, and nothing
     * is sent, since the peer is gone.
     */
    public void receiveEndOfStream() {
        if (failure != null) {
            throw failure;
        }
        if (inboundClosed) {
            return;
        }
        failure = TlsException.local(Violation.TRUNCATION, "RFC 8446 §6.1: the connection ended without close_notify"
                + (isHandshakeComplete() ? "" : " during the handshake")
                + (records.partialRecordBytes() > 0 ? " inside a record" : ""));
        outboundClosed = true;
        LOG.debug("connection failed (no alert sent, the peer is gone): {}", failure.getMessage());
        throw failure;
    }

    /**
     * An SSL 2.0-format ClientHello (a two-byte length with the top bit set, then msg_type 1) has
     * no TLS record header, so no TLS alert can answer it; RFC 6176 §3 forbids SSL 2.0 and
     * RFC 8996 everything before TLS 1.2. The connection is closed without a reply and logged.
     */
    private void refuseSslv2Hello(byte[] in, int off, int len) {
        if ((in[off] & 0x80) == 0 || (len > 2 && in[off + 2] != 1)) {
            return;
        }
        failure = TlsException.local(Violation.UNSUPPORTED_VERSION,
                "RFC 6176 §3: an SSL 2.0-format ClientHello; closed without a reply (no TLS record can answer it)");
        outboundClosed = true;
        LOG.info("refused an SSL 2.0-format ClientHello: closed without a reply");
        throw failure;
    }

    /** Bytes waiting to be sent. */
    public int pendingOutput() {
        return out.size();
    }

    /** Moves up to {@code len} pending bytes into {@code dst}; returns how many. Works after a failure, to deliver the alert. */
    public int takeOutput(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        return out.take(dst, off, len);
    }

    // ------------------------------------------------------------------ application side

    /** Reads received plaintext: 0 when none is buffered, -1 after the peer's close_notify once all is read. */
    public int readPlaintext(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (plaintext.size() == 0) {
            if (inboundClosed) {
                return -1;
            }
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
        int n = plaintext.take(buf, off, len);
        if (heldBack && !plaintextFull()) {
            heldBack = false;
            LOG.debug("plaintext buffer has room again ({} bytes waiting): records are opened again", plaintext.size());
        }
        return n;
    }

    /**
     * Server: reads accepted 0-RTT data (RFC 8446 §2.3), which is never mixed into
     * {@link #readPlaintext}: it was sent before the handshake ended and may be a replay (§8), so the
     * application must choose to act on it. 0 when none is buffered.
     */
    public int readEarlyData(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return earlyData.take(buf, off, len);
    }

    /** Server: accepted 0-RTT bytes not yet read. */
    public int availableEarlyData() {
        return earlyData.size();
    }

    /** Client: how many bytes of the requested 0-RTT data were sent (the ticket may allow less). */
    public int earlyDataSent() {
        return earlyDataSent;
    }

    /** What became of 0-RTT data, once the handshake is complete. */
    public Optional<EarlyDataStatus> earlyDataStatus() {
        return summary().map(HandshakeSummary::earlyData);
    }

    public int availablePlaintext() {
        return plaintext.size();
    }

    /** Encrypts application data into records (RFC 8446 §5.1: at most 2^14 bytes each). */
    public void writePlaintext(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkOpen();
        if (!isHandshakeComplete()) {
            throw new IllegalStateException("application data can be written once the handshake is complete");
        }
        if (outboundClosed) {
            throw new IllegalStateException("closeOutbound() was called: no more application data");
        }
        guard(() -> {
            for (int pos = off; pos < off + len; pos += maxFragment) {
                beforeApplicationData();
                seal(ContentType.APPLICATION_DATA, buf, pos, Math.min(maxFragment, off + len - pos));
            }
        });
    }

    /**
     * Key updates owed before an application data record (RFC 8446 §4.6.3, §5.5): the one reply to
     * the peer's update_requested, and our own KeyUpdate when the write key nears its record limit,
     * so the limit is never reached (at it, even an alert could not be sealed).
     */
    private void beforeApplicationData() {
        if (!(state instanceof ConnectedState connected)) {
            return;
        }
        boolean nearLimit = Long.compareUnsigned(records.writeSequence(), keyUpdateThreshold()) >= 0;
        if (nearLimit || connected.keyUpdateDue()) {
            if (nearLimit) {
                LOG.debug("{} records under one write key: sending KeyUpdate before the RFC 8446 §5.5 limit",
                        Long.toUnsignedString(records.writeSequence()));
            }
            state = connected.updateKeys(false, output);
            flushHandshake();
        }
    }

    /** The write sequence number at which our automatic KeyUpdate goes out. */
    private long keyUpdateThreshold() {
        long limit = recordLimit(records.writeRecordLimit());
        return Long.compareUnsigned(limit, config.keyUpdateMargin()) > 0 ? limit - config.keyUpdateMargin() : 0;
    }

    /** The smaller of the AEAD's limit (RFC 8446 §5.5) and the configured one, unsigned. */
    private long recordLimit(long aeadLimit) {
        long configured = config.recordsPerKey();
        return Long.compareUnsigned(configured, aeadLimit) < 0 ? configured : aeadLimit;
    }

    /** Queues close_notify (RFC 8446 §6.1); nothing more can be written. */
    public void closeOutbound() {
        if (outboundClosed || failure != null) {
            return;
        }
        guard(() -> {
            flushHandshake();
            sendAlert(Alert.closeNotify());
            outboundClosed = true;
        });
    }

    /** Sends a KeyUpdate (RFC 8446 §4.6.3) and switches our write keys; optionally asks the peer to do the same. */
    public void updateKeys(boolean requestPeerUpdate) {
        checkOpen();
        if (!(state instanceof ConnectedState connected)) {
            throw new IllegalStateException("KeyUpdate is only allowed after the handshake (RFC 8446 §4.6.3)");
        }
        if (outboundClosed) {
            throw new IllegalStateException("closeOutbound() was called");
        }
        guard(() -> {
            state = connected.updateKeys(requestPeerUpdate, output);
            flushHandshake();
        });
    }

    /**
     * Server: asks the client for a certificate after the handshake (RFC 8446 §4.6.2). The answer
     * arrives with later reads; {@link #summary()} and {@link #peerCertificates()} show the client
     * once its Certificate, CertificateVerify and Finished have been verified.
     *
     * @throws IllegalStateException on a client, before the handshake, or when the client did not
     *     offer post_handshake_auth
     */
    public void requestClientCertificate() {
        checkOpen();
        if (!(state instanceof ConnectedState connected)) {
            throw new IllegalStateException("RFC 8446 §4.6.2: a certificate can be requested once the handshake is complete");
        }
        if (outboundClosed) {
            throw new IllegalStateException("closeOutbound() was called");
        }
        ConnectedState next = connected.requestClientCertificate(output);
        guard(() -> {
            state = next;
            flushHandshake();
        });
    }

    /**
     * Keying material exported from this connection (RFC 8446 §7.5, the TLS 1.3 form of RFC 5705):
     * {@code HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter",
     * Hash(context_value), length)}. Both peers derive the same bytes; in TLS 1.3 no context and an
     * empty context are the same.
     *
     * @param context the context value, or null for none
     * @throws IllegalStateException before the handshake is complete
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        checkOpen();
        if (exporter == null) {
            throw new IllegalStateException("RFC 8446 §7.5: the exporter is available once the handshake is complete");
        }
        if (length < 0 || length > 255 * exporter.hash().length()) {
            throw new IllegalArgumentException("RFC 5869 §2.3: an exporter yields 0.." + 255 * exporter.hash().length()
                    + " bytes, not " + length);
        }
        return exporter.export(Objects.requireNonNull(label, "label"), context == null ? new byte[0] : context, length)
                .bytes();
    }

    // ------------------------------------------------------------------ state

    public boolean isClient() {
        return client;
    }

    public boolean isHandshakeComplete() {
        return summary != null;
    }

    public boolean isOutboundClosed() {
        return outboundClosed;
    }

    /** True once the peer's close_notify arrived. */
    public boolean isInboundClosed() {
        return inboundClosed;
    }

    /** Failed, or closed in both directions. */
    public boolean isClosed() {
        return failure != null || (inboundClosed && outboundClosed);
    }

    public Optional<TlsException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The fatal alert this engine queued for the peer, if any: none after a peer's alert or a truncated stream. */
    public Optional<AlertDescription> fatalAlertSent() {
        return Optional.ofNullable(fatalAlertSent);
    }

    public Optional<HandshakeSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** Server: the server_name received; client: the name it was given. */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    public Optional<String> applicationProtocol() {
        return summary == null ? Optional.empty() : summary.applicationProtocol();
    }

    /**
     * The peer's certificate chain, end-entity first: the server's on a client; on a server the
     * client's (empty for an anonymous client), updated by post-handshake authentication.
     */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    // ------------------------------------------------------------------ records in

    private void processRecords() {
        while (true) {
            if (records.hasWholeRecord() && plaintextFull()) {
                if (!heldBack) {
                    heldBack = true;
                    LOG.debug("back-pressure: {} bytes of plaintext wait for the application (limit {}); "
                            + "no record is opened until it reads", plaintext.size(), config.maxBufferedPlaintext());
                }
                return;
            }
            boolean got;
            try {
                got = records.nextRecord(openBuffer, 0, opened);
            } catch (TlsException e) {
                if (skippable(e)) {
                    continue;
                }
                throw unprotectedAlertAfterServerHello(e).orElse(e);
            }
            if (!got) {
                if (lastOuterType == ContentType.CHANGE_CIPHER_SPEC.code()) {
                    lastOuterType = -1;
                    receiveCompatibilityChangeCipherSpec();
                    continue;
                }
                return;
            }
            checkReadLimits();
            if (skipEarlyData && records.isReadProtected()) {
                // RFC 8446 §4.2.10: "Once a record is deprotected successfully, it is treated as the start of the
                // client's second flight".
                skipEarlyData = false;
            }
            processRecord(opened.type(), opened.length());
        }
    }

    /**
     * Limits on what the peer sends us: RFC 8446 §5.5, no more records under one key than the
     * AEAD allows ("Implementations SHOULD NOT" exceed it: the peer owed us a KeyUpdate); RFC 8449
     * §4, no protected record larger than the record_size_limit it acknowledged.
     */
    private void checkReadLimits() {
        long limit = recordLimit(records.readRecordLimit());
        if (records.isReadProtected() && Long.compareUnsigned(records.readSequence(), limit) > 0) {
            throw TlsException.local(Violation.READ_KEY_LIMIT_EXCEEDED, "RFC 8446 §5.5: the peer sent "
                    + Long.toUnsignedString(records.readSequence()) + " records under one key; the limit is "
                    + Long.toUnsignedString(limit) + " and a KeyUpdate was due before it");
        }
        // TLSInnerPlaintext = ciphertext less the 16-byte tag of every TLS 1.3 AEAD (RFC 8446 §5.2).
        int innerPlaintext = lastRecordLength - AEAD_TAG_LENGTH;
        if (enforcedRecordSizeLimit > 0 && records.isReadProtected() && innerPlaintext > enforcedRecordSizeLimit) {
            throw TlsException.local(Violation.RECORD_SIZE_LIMIT_EXCEEDED, "RFC 8449 §4: a protected record of "
                    + innerPlaintext + " bytes of TLSInnerPlaintext exceeds our record_size_limit of " + enforcedRecordSizeLimit);
        }
    }

    /**
     * A change_cipher_spec record the record layer dropped as the compatibility one (RFC 8446 §5).
     * Appendix D.4 has each side send exactly one ("the client will send a dummy change_cipher_spec
     * record ... either before its second flight" or before its second ClientHello; the server
     * "immediately after its first handshake message"), so a second one is no compatibility
     * record: unexpected_message, as JSSE and rustls answer. It cannot split a handshake message
     * either (§5.1: "Handshake messages MUST NOT be interleaved with other record types").
     */
    private void receiveCompatibilityChangeCipherSpec() {
        // 1. RFC 8446 §5.1: "Handshake messages MUST NOT be interleaved with other record types."
        if (deframer.isMidMessage()) {
            throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC,
                    "RFC 8446 §5.1: a change_cipher_spec record arrived inside a fragmented handshake message");
        }
        // 2. RFC 8446 §5: "An implementation may receive an unencrypted record of type change_cipher_spec
        //    consisting of the single byte value 0x01 at any time after the first ClientHello message has been
        //    sent or received and before the peer's Finished message has been received" -- one, per Appendix D.4.
        if (++changeCipherSpecsReceived > 1) {
            throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC, "RFC 8446 §5, Appendix D.4: "
                    + changeCipherSpecsReceived + " change_cipher_spec records; middlebox compatibility mode sends one");
        }
        trace.changeCipherSpec(TraceListener.Direction.RECEIVED);
    }

    /**
     * RFC 8446 §4.2.10: a server that rejects 0-RTT skips records it cannot deprotect (or, after a
     * HelloRetryRequest, application_data records arriving unprotected) "up to the configured
     * max_early_data_size"; past that it fails as usual.
     */
    private boolean skippable(TlsException e) {
        if (!skipEarlyData || lastOuterType != ContentType.APPLICATION_DATA.code()) {
            return false;
        }
        Violation v = e.violation().orElse(null);
        if (v != Violation.BAD_RECORD_MAC && v != Violation.UNEXPECTED_RECORD) {
            return false;
        }
        if (earlyDataSkipped + lastRecordLength > config.maxEarlyDataSkip()) {
            return false;
        }
        earlyDataSkipped += lastRecordLength;
        LOG.debug("skipped {} bytes of rejected early data", lastRecordLength);
        return true;
    }

    /**
     * A peer that fails right after the ServerHello may send its alert before it has switched to
     * the handshake keys: RFC 8446 Appendix A notes that the state machine lets a peer send
     * "alerts that derive from post-ServerHello messages in the clear" (it only SHOULD rekey
     * first). That holds both ways: a server failing after its ServerHello, and a client that
     * cannot verify the server's certificate (browsers and OpenSSL's s_client send that alert
     * unencrypted). An endpoint that already reads with the handshake keys would call that record
     * unexpected (§5: protected records from here on); as long as nothing protected has arrived
     * yet, the alert is reported as what it is: the peer's error, with nothing sent back.
     */
    private Optional<TlsException> unprotectedAlertAfterServerHello(TlsException e) {
        if (lastClearAlert == null || !"handshake".equals(readEpoch) || records.readSequence() != 0
                || e.violation().orElse(null) != Violation.UNEXPECTED_RECORD) {
            return Optional.empty();
        }
        Alert alert;
        try {
            alert = Alert.decode(WireReader.of(lastClearAlert));
        } catch (DecodeException notAnAlert) {
            return Optional.empty();
        }
        trace.alert(TraceListener.Direction.RECEIVED, alert, "plaintext");
        LOG.debug("unprotected alert after ServerHello: {}", alert);
        return Optional.of(TlsException.peer(alert));
    }

    private void processRecord(ContentType type, int length) {
        // RFC 8446 §5.1: "Handshake messages MUST NOT be interleaved with other record types."
        if (type != ContentType.HANDSHAKE && deframer.isMidMessage()) {
            throw TlsException.local(Violation.UNEXPECTED_MESSAGE,
                    "RFC 8446 §5.1: a " + type + " record arrived inside a fragmented handshake message");
        }
        if (state.isConnected()) {
            countRecord(type == ContentType.APPLICATION_DATA && length > 0);
        } else if (type == ContentType.HANDSHAKE) {
            // The handshake's own records count for nothing afterwards.
            recordsWithoutData = 0;
        } else {
            // A warning alert during the handshake (user_canceled) carries nothing either: counted, so a
            // stream of them ends like any other stream of empty records.
            countRecord(false);
        }
        switch (type) {
            case HANDSHAKE -> {
                if (inboundClosed) {
                    return;
                }
                deframer.add(Opaque.of(openBuffer, 0, length));
                Optional<HandshakeFrame> frame;
                while ((frame = deframer.next()).isPresent()) {
                    state = state.handle(frame.get(), output);
                }
                flushHandshake();
            }
            case ALERT -> receiveAlert(length);
            case CHANGE_CIPHER_SPEC -> {
                // Delivered only in ChangeCipherSpecMode.DELIVER (TLS 1.2, RFC 5246 §7.1): one byte, 0x01.
                if (length != 1 || openBuffer[0] != 1) {
                    throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC,
                            "RFC 5246 §7.1: change_cipher_spec must be the single byte 1, got " + length + " bytes");
                }
                lastOuterType = -1;
                trace.changeCipherSpec(TraceListener.Direction.RECEIVED);
                state = state.onChangeCipherSpec(output);
                flushHandshake();
            }
            case APPLICATION_DATA -> {
                if (!state.isConnected() && earlyDataLimit >= 0 && "early".equals(readEpoch)) {
                    // RFC 8446 §4.2.10: "If the server receives more than max_early_data_size bytes of 0-RTT data, it
                    // SHOULD terminate the connection with an "unexpected_message" alert."
                    earlyDataReceived += length;
                    if (earlyDataReceived > earlyDataLimit) {
                        throw TlsException.local(Violation.TOO_MUCH_EARLY_DATA, "RFC 8446 §4.2.10: " + earlyDataReceived
                                + " bytes of 0-RTT data, more than the max_early_data_size of " + earlyDataLimit);
                    }
                    earlyData.append(openBuffer, 0, length);
                    return;
                }
                // RFC 8446 §2: application data flows only once the handshake keys have done their work.
                if (!state.isConnected()) {
                    throw TlsException.local(Violation.UNEXPECTED_MESSAGE,
                            "RFC 8446 §2: application data received during the handshake (" + state.name() + ")");
                }
                if (!inboundClosed) {
                    plaintext.append(openBuffer, 0, length);
                }
            }
            default -> throw TlsException.local(Violation.UNEXPECTED_RECORD, "RFC 8446 §5: unexpected " + type + " record");
        }
    }

    /** No room for one more full record of plaintext under the configured limit. */
    private boolean plaintextFull() {
        return plaintext.size() > config.maxBufferedPlaintext() - RecordHeader.MAX_PLAINTEXT;
    }

    private void countRecord(boolean carriesData) {
        if (carriesData) {
            recordsWithoutData = 0;
        } else if (++recordsWithoutData > MAX_RECORDS_WITHOUT_DATA) {
            throw TlsException.local(Violation.TOO_MANY_RECORDS_WITHOUT_DATA, "RFC 8446 §6.2: "
                    + recordsWithoutData + " records in a row without application data (empty records, "
                    + "change_cipher_spec or post-handshake messages); the limit is " + MAX_RECORDS_WITHOUT_DATA);
        }
    }

    private void receiveAlert(int length) {
        Alert alert;
        try {
            alert = Alert.decode(WireReader.of(Opaque.of(openBuffer, 0, length)));
        } catch (DecodeException e) {
            if (length == Alert.LENGTH) {
                // RFC 8446 §6: "Unknown Alert types MUST be treated as error alerts." Two bytes are a well-formed
                // alert whose level or description we do not know: the peer's fatal error, nothing sent back.
                LOG.debug("peer sent an unknown alert: level {}, description {}", openBuffer[0] & 0xff, openBuffer[1] & 0xff);
                throw TlsException.peerUnknownAlert(openBuffer[0] & 0xff, openBuffer[1] & 0xff);
            }
            throw TlsException.decodeError("alert", e);
        }
        trace.alert(TraceListener.Direction.RECEIVED, alert, records.isReadProtected() ? readEpoch : "plaintext");
        if (alert.description() == AlertDescription.CLOSE_NOTIFY) {
            // RFC 8446 §6.1: "Any data received after a closure alert has been received MUST be ignored."
            inboundClosed = true;
            return;
        }
        if (alert.description() == AlertDescription.USER_CANCELED && alert.level() == AlertLevel.WARNING) {
            // RFC 8446 §6.1: user_canceled is followed by close_notify; nothing to do yet.
            return;
        }
        // RFC 8446 §6.2: every other alert is an error, "regardless of the AlertLevel".
        throw TlsException.peer(alert);
    }

    // ------------------------------------------------------------------ records out

    private void flushHandshake() {
        if (pendingHandshake.size() == 0) {
            return;
        }
        byte[] bytes = pendingHandshake.toByteArray();
        // A new, empty stream: the old one keeps the capacity of the largest flight, kilobytes per connection.
        pendingHandshake = new ByteArrayOutputStream(0);
        // RFC 8449 §4: the peer's limit covers protected handshake records too ("Unprotected messages are not
        // subject to this limit").
        int fragment = records.isWriteProtected() ? maxFragment : RecordHeader.MAX_PLAINTEXT;
        for (int pos = 0; pos < bytes.length; pos += fragment) {
            seal(ContentType.HANDSHAKE, bytes, pos, Math.min(fragment, bytes.length - pos));
        }
    }

    private void seal(ContentType type, byte[] in, int off, int len) {
        byte[] sealBuffer = Scratch.OF_THREAD.get().seal();
        int n = records.seal(type, in, off, len, sealBuffer, 0);
        out.append(sealBuffer, 0, n);
    }

    private void sendAlert(Alert alert) {
        byte[] body = alert.encode();
        seal(ContentType.ALERT, body, 0, body.length);
        trace.alert(TraceListener.Direction.SENT, alert, writeEpoch);
    }

    private void traceRecord(TraceListener.Direction direction, byte[] record, int offset, int length, String epoch) {
        int type = RecordHeader.type(record, offset);
        if (direction == TraceListener.Direction.RECEIVED) {
            lastRecordLength = RecordHeader.length(record, offset);
            lastClearAlert = type == ContentType.ALERT.code() && lastRecordLength == Alert.LENGTH
                    ? java.util.Arrays.copyOfRange(record, offset + RecordHeader.LENGTH, offset + RecordHeader.LENGTH + Alert.LENGTH)
                    : null;
        }
        ContentType.fromCode(type).ifPresent(t -> trace.record(direction, t, length - RecordHeader.LENGTH,
                t == ContentType.CHANGE_CIPHER_SPEC ? "plaintext" : epoch));
    }

    // ------------------------------------------------------------------ errors

    private void checkOpen() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs {@code action}; a local error becomes exactly one fatal alert and closes the engine. */
    private void guard(Runnable action) {
        try {
            action.run();
        } catch (TlsException e) {
            throw fail(e);
        } catch (DecodeException e) {
            throw fail(TlsException.decodeError("handshake data", e));
        } catch (RuntimeException e) {
            // Fail closed: any other exception (a bug, or a JCA ProviderException from a key exchange or
            // signature) leaves the handshake in an unknown state. RFC 8446 §6.2: internal_error is "an internal
            // error unrelated to the peer or the correctness of the protocol"; the engine closes and the cause is
            // logged, since the alert cannot carry it.
            LOG.warn("internal error, connection closed", e);
            throw fail(TlsException.local(Violation.INTERNAL_ERROR, "internal error: " + e, e));
        }
    }

    private TlsException fail(TlsException e) {
        if (failure != null) {
            return failure;
        }
        failure = e;
        if (e.violation().filter(LIMITS::contains).isPresent()) {
            // GUIDE §11: a limit is logged when it fires, so an operator can tell an attack from a too-small limit.
            LOG.info("limit reached ({}): {}", e.violation().get(), e.getMessage());
        }
        pendingHandshake.reset();
        if (e.isLocal() && !outboundClosed) {
            try {
                // RFC 8446 §6.2: the alert goes out under the current write keys.
                sendAlert(Alert.fatal(e.alert()));
                fatalAlertSent = e.alert();
            } catch (RuntimeException sealing) {
                LOG.debug("could not send the fatal alert", sealing);
            }
        }
        outboundClosed = true;
        // Say what went on the wire: a peer's alert and a truncated stream are answered with nothing.
        LOG.debug("connection failed ({}): {}", fatalAlertSent == null ? "no alert sent" : "sent " + fatalAlertSent,
                e.getMessage());
        return e;
    }

    // ------------------------------------------------------------------ what the states do

    private final class Output implements HandshakeOutput {
        @Override
        public Opaque send(HandshakeMessage message) {
            Opaque wire = message.frame().wireBytes();
            pendingHandshake.writeBytes(wire.bytes());
            trace.handshakeMessage(TraceListener.Direction.SENT, message, wire, writeEpoch);
            return wire;
        }

        @Override
        public void sendChangeCipherSpec() {
            flushHandshake();
            byte[] sealBuffer = Scratch.OF_THREAD.get().seal();
            int n = records.writeCompatibilityChangeCipherSpec(sealBuffer, 0);
            out.append(sealBuffer, 0, n);
            trace.changeCipherSpec(TraceListener.Direction.SENT);
        }

        @Override
        public void received(HandshakeMessage message, HandshakeFrame frame) {
            trace.handshakeMessage(TraceListener.Direction.RECEIVED, message, frame.wireBytes(), readEpoch);
        }

        @Override
        public void installReadKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            // RFC 8446 §5.1: handshake messages must not span a key change.
            deframer.checkKeyChange();
            records.installReadKeys(secret.keys(suite.aead().orElseThrow()), 0);
            readEpoch = epoch;
            trace.keysInstalled(TraceListener.Direction.RECEIVED, epoch, suite);
        }

        @Override
        public void installWriteKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            flushHandshake();
            records.installWriteKeys(secret.keys(suite.aead().orElseThrow()));
            writeEpoch = epoch;
            trace.keysInstalled(TraceListener.Direction.SENT, epoch, suite);
        }

        @Override
        public void installReadProtection(RecordProtection protection, CipherSuite suite, String epoch) {
            // RFC 5246 §7.1 / RFC 8446 §5.1: handshake messages must not span a key change.
            deframer.checkKeyChange();
            records.installReadProtection(protection, 0);
            readEpoch = epoch;
            trace.keysInstalled(TraceListener.Direction.RECEIVED, epoch, suite);
        }

        @Override
        public void installWriteProtection(RecordProtection protection, CipherSuite suite, String epoch) {
            flushHandshake();
            records.installWriteProtection(protection);
            writeEpoch = epoch;
            trace.keysInstalled(TraceListener.Direction.SENT, epoch, suite);
        }

        @Override
        public void keyLog(String label, Opaque clientRandom, SecretBytes secret) {
            config.keyLog().log(label, clientRandom, secret);
        }

        @Override
        public void sendWarning(AlertDescription description) {
            flushHandshake();
            sendAlert(new Alert(AlertLevel.WARNING, description));
        }

        @Override
        public void keyLog(DerivedSecret secret, Opaque clientRandom) {
            config.keyLog().log(secret, clientRandom);
        }

        @Override
        public void changeCipherSpecMode(ChangeCipherSpecMode mode) {
            records.changeCipherSpecMode(mode);
        }

        @Override
        public void skipEarlyData(boolean skip) {
            skipEarlyData = skip;
        }

        @Override
        public void acceptEarlyData(long maxEarlyDataSize) {
            earlyDataLimit = maxEarlyDataSize;
        }

        @Override
        public void dropEarlyWriteKeys() {
            flushHandshake();
            records.installWriteProtection(NullProtection.INSTANCE);
            writeEpoch = "plaintext";
        }

        @Override
        public void serverName(String hostName) {
            serverName = hostName;
        }

        @Override
        public void peerRecordSizeLimit(int limit) {
            maxFragment = Math.min(limit, RecordSizeLimit.TLS13_MAX) - 1;
            LOG.debug("peer's record_size_limit {}: at most {} bytes per protected record", limit, maxFragment);
        }

        @Override
        public void enforceRecordSizeLimit(int limit) {
            enforcedRecordSizeLimit = limit;
        }

        @Override
        public void exporterSecret(ExporterSecret secret) {
            exporter = secret;
        }

        @Override
        public void peerAuthenticated(TrustStatus trust, Optional<String> subject, List<X509Certificate> certificates) {
            summary = summary.withPeer(trust, subject);
            peerCertificates = List.copyOf(certificates);
            LOG.debug("client authenticated after the handshake: {}", summary);
        }

        @Override
        public void handshakeComplete(HandshakeSummary agreed, List<X509Certificate> certificates) {
            summary = agreed;
            peerCertificates = List.copyOf(certificates);
            LOG.debug("handshake complete: {}", agreed);
        }
    }
}

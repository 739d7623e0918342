package dev.tlsworkbook.record;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.io.Transport;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TrafficKeys;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} that carries its bytes as application_data records over another
 * transport, through a {@link RecordLayer} whose keys are already installed. Chapter01's echo
 * server and client run over it unchanged.
 *
 * <ul>
 *   <li>{@link #shutdownOutput()} and {@link #close()} send close_notify first (RFC 8446 §6.1);
 *       a received close_notify is end of stream, and the write side stays open (half-close).
 *   <li>A received error alert fails every later call with {@link TlsException#peer}.
 *   <li>A {@link TlsException#local} found while reading or writing sends its fatal alert once,
 *       closes the transport underneath, and every later call fails with the same exception.
 *   <li>End of stream without close_notify is reported as truncation ({@link EOFException}).
 * </ul>
 *
 * One thread may read while another writes.
 *
 * @since chapter02
 */
public final class RecordTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(RecordTransport.class);

    private final Transport lower;
    private final RecordLayer layer;
    private final Fragmenter fragmenter;

    private final Object readLock = new Object();
    private final byte[] received = new byte[RecordHeader.MAX_RECORD];
    private int receivedPos;
    private int receivedEnd;
    private final byte[] plaintext = new byte[RecordLayer.OPEN_BUFFER_SIZE];
    private final OpenedRecord opened = new OpenedRecord();
    private int plaintextPos;
    private int plaintextEnd;
    private boolean closeNotifyReceived;

    private final ReentrantLock writeLock = new ReentrantLock();
    private byte[] sealed;
    private boolean closeNotifySent;

    private volatile TlsException failure;
    private volatile boolean closed;

    /** Records over {@code lower}, fragments of at most 2^14 bytes. */
    public RecordTransport(Transport lower, RecordLayer layer) {
        this(lower, layer, Fragmenter.DEFAULT);
    }

    /** Records over {@code lower}, writes cut into fragments by {@code fragmenter}. */
    public RecordTransport(Transport lower, RecordLayer layer, Fragmenter fragmenter) {
        this.lower = Objects.requireNonNull(lower, "lower");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.fragmenter = Objects.requireNonNull(fragmenter, "fragmenter");
    }

    /**
     * Records over {@code lower}, protected with TLS 1.3 record protection in both directions:
     * what a connection looks like once its handshake has installed application traffic keys.
     */
    public static RecordTransport protect(Transport lower, TrafficKeys readKeys, TrafficKeys writeKeys) {
        RecordLayer layer = new RecordLayer();
        layer.installReadKeys(readKeys, 0);
        layer.installWriteKeys(writeKeys);
        return new RecordTransport(lower, layer);
    }

    /** The record layer underneath, e.g. to look at sequence numbers. */
    public RecordLayer layer() {
        return layer;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        synchronized (readLock) {
            throwIfFailed();
            if (length == 0) {
                return 0;
            }
            while (plaintextPos == plaintextEnd) {
                if (closeNotifyReceived || !receiveApplicationData()) {
                    return -1;
                }
            }
            int n = Math.min(length, plaintextEnd - plaintextPos);
            System.arraycopy(plaintext, plaintextPos, buffer, offset, n);
            plaintextPos += n;
            return n;
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        writeLock.lock();
        try {
            throwIfFailed();
            if (closeNotifySent) {
                throw new IOException("output already closed with close_notify");
            }
            fragmenter.split(offset, length, (off, len) -> sendRecord(ContentType.APPLICATION_DATA, buffer, off, len));
        } catch (TlsException e) {
            throw fail(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends close_notify (RFC 8446 §6.1), then half-closes the transport underneath. */
    @Override
    public void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            throwIfFailed();
            sendCloseNotifyOnce();
            lower.shutdownOutput();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends close_notify unless an alert was already sent or a writer is busy, then closes the
     * transport underneath. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null && writeLock.tryLock()) {
                try {
                    sendCloseNotifyOnce();
                } catch (IOException | TlsException e) {
                    log.debug("close_notify not sent: {}", e.toString());
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            lower.close();
        }
    }

    @Override
    public String toString() {
        return "RecordTransport{" + lower + "}";
    }

    // ---------------------------------------------------------------- reading

    /** Reads records until one with application data; false at close_notify. */
    private boolean receiveApplicationData() throws IOException {
        try {
            while (true) {
                nextRecord();
                switch (opened.type()) {
                    case APPLICATION_DATA -> {
                        // RFC 8446 §5.1: zero-length application data is legal and carries nothing.
                        plaintextPos = 0;
                        plaintextEnd = opened.length();
                        if (plaintextEnd > 0) {
                            return true;
                        }
                    }
                    case ALERT -> {
                        if (receiveAlert()) {
                            return false;
                        }
                    }
                    case HANDSHAKE, CHANGE_CIPHER_SPEC, INVALID, HEARTBEAT ->
                        throw TlsException.local(Violation.UNEXPECTED_MESSAGE,
                                "RFC 8446 §5: " + opened.type() + " record on a connection that only carries application data");
                }
            }
        } catch (TlsException e) {
            throw fail(e);
        }
    }

    /** Handles one alert; true when it was close_notify. */
    private boolean receiveAlert() {
        Alert alert;
        try {
            alert = Alert.decode(WireReader.of(plaintext, 0, opened.length()));
        } catch (DecodeException e) {
            throw TlsException.decodeError("alert", e);
        }
        if (alert.description() == AlertDescription.CLOSE_NOTIFY) {
            // RFC 8446 §6.1: end of data; anything after it is ignored. Our write side stays open.
            closeNotifyReceived = true;
            return true;
        }
        if (alert.description() == AlertDescription.USER_CANCELED) {
            // RFC 8446 §6.1: a closure alert, to be followed by close_notify.
            log.debug("peer sent user_canceled");
            return false;
        }
        // RFC 8446 §6: every other alert is an error alert, whatever its level says.
        throw TlsException.peer(alert);
    }

    /** Fills {@link #opened} from the next record, reading from below as needed. */
    private void nextRecord() throws IOException {
        while (!layer.nextRecord(plaintext, 0, opened)) {
            if (receivedPos == receivedEnd) {
                int n = lower.read(received, 0, received.length);
                if (n == -1) {
                    // RFC 8446 §6.1 / GUIDE: end of stream without close_notify is truncation.
                    throw new EOFException(layer.partialRecordBytes() > 0
                            ? "connection closed inside a record (" + layer.partialRecordBytes() + " bytes)"
                            : "connection closed without close_notify (truncation)");
                }
                receivedPos = 0;
                receivedEnd = n;
            }
            receivedPos += layer.feed(received, receivedPos, receivedEnd - receivedPos);
        }
    }

    // ---------------------------------------------------------------- writing

    private void sendRecord(ContentType type, byte[] buffer, int offset, int length) throws IOException {
        int max = layer.maxSealedLength(length);
        if (sealed == null || sealed.length < max) {
            sealed = new byte[Math.max(max, layer.maxSealedLength(fragmenter.maxFragmentLength()))];
        }
        int n = layer.seal(type, buffer, offset, length, sealed, 0);
        lower.write(sealed, 0, n);
    }

    private void sendCloseNotifyOnce() throws IOException {
        if (!closeNotifySent) {
            closeNotifySent = true;
            byte[] alert = Alert.closeNotify().encode();
            sendRecord(ContentType.ALERT, alert, 0, alert.length);
        }
    }

    // ---------------------------------------------------------------- failure

    /** Records the first failure; for a local one sends its fatal alert once and closes below. */
    private TlsException fail(TlsException e) {
        synchronized (this) {
            if (failure != null) {
                return failure;
            }
            failure = e;
        }
        if (e.isLocal()) {
            writeLock.lock();
            try {
                if (!closeNotifySent) {
                    closeNotifySent = true;
                    byte[] alert = Alert.fatal(e.alert()).encode();
                    sendRecord(ContentType.ALERT, alert, 0, alert.length);
                }
            } catch (IOException | TlsException sendFailure) {
                log.debug("could not send alert {}: {}", e.alert(), sendFailure.toString());
            } finally {
                writeLock.unlock();
            }
        }
        log.debug("record transport failed: {}", e.getMessage());
        try {
            lower.close();
        } catch (IOException closeFailure) {
            log.debug("close after failure: {}", closeFailure.toString());
        }
        return e;
    }

    private void throwIfFailed() {
        TlsException f = failure;
        if (f != null) {
            throw f;
        }
    }
}

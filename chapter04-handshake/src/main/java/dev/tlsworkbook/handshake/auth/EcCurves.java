package dev.tlsworkbook.handshake.auth;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Names the standard curve of an EC key, so a scheme's curve can be checked (RFC 8446 §4.2.3). */
final class EcCurves {
    static final String SECP256R1 = "secp256r1";
    static final String SECP384R1 = "secp384r1";
    static final String SECP521R1 = "secp521r1";

    private static final Map<String, ECParameterSpec> KNOWN = load();

    private EcCurves() {
    }

    /** The curve name ("secp256r1", ...) of {@code key}, or empty for any other curve. */
    static Optional<String> nameOf(ECKey key) {
        ECParameterSpec params = key.getParams();
        for (Map.Entry<String, ECParameterSpec> known : KNOWN.entrySet()) {
            ECParameterSpec spec = known.getValue();
            // Compare the domain parameters themselves: keys from different providers carry
            // different ECParameterSpec objects for the same curve.
            if (spec.getCurve().equals(params.getCurve())
                    && spec.getGenerator().equals(params.getGenerator())
                    && spec.getOrder().equals(params.getOrder())
                    && spec.getCofactor() == params.getCofactor()) {
                return Optional.of(known.getKey());
            }
        }
        return Optional.empty();
    }

    /** The JDK's parameters for a named curve. */
    static ECParameterSpec parameters(String curve) {
        ECParameterSpec spec = KNOWN.get(curve);
        if (spec == null) {
            throw new IllegalArgumentException("unknown curve " + curve);
        }
        return spec;
    }

    private static Map<String, ECParameterSpec> load() {
        Map<String, ECParameterSpec> map = new LinkedHashMap<>();
        for (String name : new String[] {SECP256R1, SECP384R1, SECP521R1}) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(name));
                map.put(name, parameters.getParameterSpec(ECParameterSpec.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks curve " + name, e);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}

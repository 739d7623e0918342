package dev.tlsworkbook.bench.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The two implementations of each primitive compute the same thing, so the budget compares like
 * with like and either may serve a handshake: hashes and MACs are equal byte for byte, and a
 * signature made by one verifies with the other.
 */
class PrimitivesAgreeTest {

    @ParameterizedTest
    @EnumSource(PrimitiveOp.class)
    void everyPrimitiveRunsInBothImplementations(PrimitiveOp op) throws Exception {
        for (Implementation implementation : Implementation.values()) {
            assertNotNull(op.create(implementation).run(), op + " " + implementation);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PrimitiveOp.class, names = {"SHA256_TRANSCRIPT", "SHA384_TRANSCRIPT", "HMAC_SHA256"})
    void hashesAndMacsAreEqualByteForByte(PrimitiveOp op) throws Exception {
        assertArrayEquals((byte[]) op.create(Implementation.JDK).run(), (byte[]) op.create(Implementation.BC).run());
    }

    @Test
    void bouncyCastleEcdsaSignaturesVerifyWithTheJdk() throws Exception {
        for (String[] c : new String[][] {{"ECDSA_P256_SIGN", "secp256r1", "SHA256withECDSA"},
            {"ECDSA_P384_SIGN", "secp384r1", "SHA384withECDSA"}}) {
            byte[] der = (byte[]) PrimitiveOp.valueOf(c[0]).create(Implementation.BC).run();
            Signature jdk = Signature.getInstance(c[2]);
            jdk.initVerify(Inputs.ec(c[1]).getPublic());
            jdk.update(Inputs.MESSAGE);
            assertTrue(jdk.verify(der), c[0]);
        }
    }

    @Test
    void bouncyCastleRsaPssSignaturesVerifyWithTheJdk() throws Exception {
        byte[] signature = (byte[]) PrimitiveOp.RSA_PSS_2048_SIGN.create(Implementation.BC).run();
        Signature jdk = Signature.getInstance("RSASSA-PSS");
        jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        jdk.initVerify(Inputs.rsa(2048).getPublic());
        jdk.update(Inputs.MESSAGE);
        assertTrue(jdk.verify(signature));
    }
}

package io.verrou.method.authenticator;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Device keys: P-256 (secp256r1) public keys, sent at activation as base64 of their DER SubjectPublicKeyInfo, and
 * the ECDSA signatures made with them ({@code r || s}, 64 bytes, SHA-256). Anything else — another curve, an RSA
 * key, a point off the curve, trailing bytes — is refused.
 */
final class DevicePublicKeys {

    /** A P-256 SubjectPublicKeyInfo is 91 bytes; anything much longer is not one. */
    private static final int MAX_ENCODED = 256;
    private static final ECParameterSpec P256 = p256();

    private DevicePublicKeys() {
    }

    /** The key, when {@code base64Der} is a P-256 public key encoded as the profile says. */
    static Optional<ECPublicKey> parse(String base64Der) {
        if (base64Der == null || base64Der.length() > MAX_ENCODED * 4 / 3 + 4) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64Der.strip());
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (key instanceof ECPublicKey ec && isP256(ec.getParams()) && onCurve(ec.getW())
                    && MessageDigest.isEqual(ec.getEncoded(), der)) {
                return Optional.of(ec);
            }
            return Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The canonical form stored for a key: base64 of its DER SubjectPublicKeyInfo. */
    static String encode(ECPublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Whether {@code signature} ({@code r || s}) signs {@code data} with ECDSA P-256 and SHA-256 under {@code key}. */
    static boolean verify(ECPublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    /** y² = x³ + ax + b (mod p), with both coordinates in the field. */
    private static boolean onCurve(ECPoint point) {
        if (point == null || point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        EllipticCurve curve = P256.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }
}

/**
 * One-time passwords without a framework: HOTP (RFC 4226), TOTP (RFC 6238), the RFC 4648 Base32 alphabet that
 * authenticator apps expect, and the {@code otpauth://} Key URI format used to enrol them through a QR code.
 *
 * <p>Every type here is immutable and thread-safe, refuses {@code null} with a {@link NullPointerException} and
 * reports absent values through {@link java.util.Optional}/{@link java.util.OptionalLong} rather than {@code null}.
 */
package io.verrou.otp;

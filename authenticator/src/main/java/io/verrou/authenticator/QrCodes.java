package io.verrou.authenticator;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads the text of a QR code from an image file, as a phone's camera would.
 */
final class QrCodes {

    /**
     * TRY_HARDER because the image is often a screenshot, scaled or with the page around it; ALSO_INVERTED for
     * screenshots of a page in a dark theme.
     */
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.ALSO_INVERTED, Boolean.TRUE);

    private QrCodes() {
    }

    /**
     * Decodes the QR code in an image.
     *
     * @param file a PNG (or another format the JDK reads: JPEG, GIF, BMP)
     * @return the text the QR code holds
     * @throws AuthenticatorException (exit 2) if the file cannot be read or holds no readable QR code
     */
    static String decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw AuthenticatorException.failed("No such file: " + file);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw AuthenticatorException.failed("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw AuthenticatorException.failed(file + " is not an image (a PNG of the QR code is expected).");
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new MultiFormatReader().decode(bitmap, HINTS).getText();
        } catch (NotFoundException e) {
            throw AuthenticatorException.failed("No readable QR code in " + file + ".", e);
        }
    }
}

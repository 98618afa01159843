package io.verrou.passwordreset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import javax.imageio.ImageIO;

/**
 * The picture of the CAPTCHA on the password reset page: a PNG of a few characters that a person reads and
 * types back.
 *
 * <p>Servers run with a headless JDK and often with no fonts installed, so nothing here touches
 * {@link java.awt.Font}: every character is drawn from our own stroke glyphs, polylines on a grid four units
 * wide and six high. Each glyph is turned, scaled and moved a little at random and the text is crossed by
 * thin lines, arcs and dots, so that the picture differs every time while staying easy for people to read.
 */
public final class CaptchaImage {

    /**
     * The characters a CAPTCHA may contain. Characters that people confuse with one another once distorted
     * (0/O, 1/I, 2/Z, 5/S, 8/B, G/6) are left out, so that a wrong answer means a wrong reader, not a
     * misleading picture.
     */
    public static final String ALPHABET = "ACDEFHJKLMNPRTUVWXY34679";

    /** Width of the picture in pixels. */
    public static final int WIDTH = 240;

    /** Height of the picture in pixels. */
    public static final int HEIGHT = 80;

    private static final int MIN_LENGTH = 4;
    private static final int MAX_LENGTH = 8;

    private static final float GRID_WIDTH = 4;
    private static final float GRID_HEIGHT = 6;
    private static final float MARGIN = 10;
    /** Pixels per grid unit when there is room; a glyph is then 42 px high, about half the picture. */
    private static final float FULL_SCALE = 7f;
    /** How much narrower glyphs get for each character beyond five. */
    private static final double NARROWING_PER_CHARACTER = 0.12;
    /** Least space between the boxes of two glyphs, in pixels. */
    private static final float MIN_GAP = 5;
    /** Furthest a glyph is moved up or down, in pixels. */
    private static final double MAX_SHIFT = 8;
    private static final double MAX_ROTATION = Math.toRadians(20);
    private static final double MAX_SCALE_CHANGE = 0.15;
    private static final float GLYPH_STROKE = 3.6f;
    private static final float NOISE_STROKE = 1.3f;

    private static final Map<Character, float[][]> GLYPHS = glyphs();

    private CaptchaImage() {
    }

    /**
     * Draws {@code text} as a PNG of {@value #WIDTH} × {@value #HEIGHT} pixels.
     *
     * @param text   four to eight characters, each one of {@link #ALPHABET}
     * @param random where the distortion comes from; pass a {@link java.security.SecureRandom} in production
     *               so that the noise cannot be predicted and subtracted
     * @return the PNG's bytes
     * @throws IllegalArgumentException if {@code text} is too short or too long or holds a character that is
     *                                  not in {@link #ALPHABET}
     */
    public static byte[] png(String text, RandomGenerator random) {
        BufferedImage image = draw(text, random, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This JDK has no PNG writer");
            }
        } catch (IOException e) {
            // Writing to memory cannot fail for I/O reasons; anything here is a broken JDK.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The PNG as a {@code data:} URI, to put in an {@code <img src>}: the page's Content-Security-Policy
     * allows {@code img-src 'self' data:}, and inlining the picture spares a second request that would need
     * the CAPTCHA held somewhere between the two.
     *
     * @param png the bytes returned by {@link #png(String, RandomGenerator)}
     * @return {@code data:image/png;base64,} followed by the bytes in Base64
     */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /**
     * Draws the picture; {@code noise} is off only in tests, which need to see what the glyphs alone leave
     * on the picture.
     */
    static BufferedImage draw(String text, RandomGenerator random, boolean noise) {
        check(text);
        Objects.requireNonNull(random, "random");

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);

            paintBackground(g, random);
            if (noise) {
                // Some noise goes under the text and some over it, so that it cannot be peeled off as a
                // layer that is always on top.
                paintDots(g, random, 40);
                paintLines(g, random, 1);
            }
            paintText(g, text, random);
            if (noise) {
                paintLines(g, random, 2);
                paintDots(g, random, 30);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void check(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "A CAPTCHA has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                // The character itself is not echoed: the text is a secret the person has to read.
                throw new IllegalArgumentException("A CAPTCHA may only hold characters of " + ALPHABET);
            }
        }
    }

    private static void paintBackground(Graphics2D g, RandomGenerator random) {
        // A faint gradient between two light tints: pale enough to keep the text's contrast high, varied
        // enough that no two pictures share a background.
        Color from = lightColour(random);
        Color to = lightColour(random);
        g.setPaint(new GradientPaint(0, random.nextFloat() * HEIGHT, from, WIDTH, random.nextFloat() * HEIGHT, to));
        g.fillRect(0, 0, WIDTH, HEIGHT);
    }

    private static void paintText(Graphics2D g, String text, RandomGenerator random) {
        int n = text.length();
        // Long texts get narrower glyphs before smaller ones: tall narrow letters stay easier to read.
        double narrowing = 1 + NARROWING_PER_CHARACTER * Math.max(0, n - 5);
        Shape[] glyphs = new Shape[n];
        Color[] colours = new Color[n];
        double[] shifts = new double[n];
        double width = 0;
        for (int i = 0; i < n; i++) {
            double resize = 1 + (random.nextDouble() * 2 - 1) * MAX_SCALE_CHANGE;
            // The sum of two uniform draws leans towards upright glyphs, so that a steep turn stays rare.
            double angle = (random.nextDouble() + random.nextDouble() - 1) * MAX_ROTATION;
            AffineTransform shape = new AffineTransform();
            shape.rotate(angle);
            shape.scale(FULL_SCALE * resize / narrowing, FULL_SCALE * resize);
            shape.translate(-GRID_WIDTH / 2, -GRID_HEIGHT / 2);
            // The outline is transformed before stroking so every glyph gets the same line width, whatever
            // its size.
            glyphs[i] = shape.createTransformedShape(outline(GLYPHS.get(text.charAt(i))));
            width += glyphs[i].getBounds2D().getWidth();
            shifts[i] = random.nextDouble() * 2 - 1;
            colours[i] = darkColour(random);
        }

        // Glyphs are laid out by the boxes they fill once turned, so that a random turn can never push one
        // into its neighbour; if they do not fit, all shrink alike.
        double room = WIDTH - 2 * MARGIN - n * GLYPH_STROKE - (n - 1) * MIN_GAP;
        double fit = Math.min(1, room / width);
        double spare = room - width * fit;
        // What room is left is shared between the gaps and the two sides, which centres the text.
        double x = MARGIN + spare / (n + 1);
        double gap = MIN_GAP + spare / (n + 1);

        g.setStroke(new BasicStroke(GLYPH_STROKE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < n; i++) {
            Shape glyph = AffineTransform.getScaleInstance(fit, fit).createTransformedShape(glyphs[i]);
            Rectangle2D box = glyph.getBounds2D();
            double boxWidth = box.getWidth() + GLYPH_STROKE;
            // Up or down by at most the room left above and below, so that no glyph leaves the picture.
            double slack = Math.max(0, (HEIGHT - box.getHeight() - GLYPH_STROKE) / 2 - 3);
            double centreY = HEIGHT / 2.0 + shifts[i] * Math.min(slack, MAX_SHIFT);
            AffineTransform place = AffineTransform.getTranslateInstance(
                    x + boxWidth / 2 - box.getCenterX(), centreY - box.getCenterY());
            g.setColor(colours[i]);
            g.draw(place.createTransformedShape(glyph));
            x += boxWidth + gap;
        }
    }

    private static void paintLines(Graphics2D g, RandomGenerator random, int count) {
        g.setStroke(new BasicStroke(NOISE_STROKE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < count; i++) {
            // Gentle curves from one side to the other through the band where the text is, thin enough
            // next to the glyphs' strokes that a reader's eye drops them.
            float y1 = HEIGHT * (0.2f + 0.6f * random.nextFloat());
            float y2 = HEIGHT * (0.2f + 0.6f * random.nextFloat());
            float cx = WIDTH * (0.25f + 0.5f * random.nextFloat());
            float cy = HEIGHT * (-0.3f + 1.6f * random.nextFloat());
            g.setColor(noiseColour(random));
            g.draw(new QuadCurve2D.Float(random.nextFloat() * 20 - 10, y1, cx, cy,
                    WIDTH + 10 - random.nextFloat() * 20, y2));
        }
    }

    private static void paintDots(Graphics2D g, RandomGenerator random, int count) {
        for (int i = 0; i < count; i++) {
            float size = 1.2f + random.nextFloat() * 1.8f;
            g.setColor(noiseColour(random));
            g.fill(new Ellipse2D.Float(random.nextFloat() * WIDTH, random.nextFloat() * HEIGHT, size, size));
        }
    }

    private static Color lightColour(RandomGenerator random) {
        return new Color(225 + random.nextInt(31), 225 + random.nextInt(31), 225 + random.nextInt(31));
    }

    private static Color darkColour(RandomGenerator random) {
        // With every channel under 90 the text keeps a contrast ratio above 5:1 against even the darkest
        // background, more than the 4.5:1 that WCAG asks of ordinary text.
        return new Color(random.nextInt(90), random.nextInt(90), random.nextInt(90));
    }

    private static Color noiseColour(RandomGenerator random) {
        // A little lighter than the text so that noise reads as background to people.
        return new Color(40 + random.nextInt(100), 40 + random.nextInt(100), 40 + random.nextInt(100));
    }

    private static Shape outline(float[][] polylines) {
        Path2D.Float path = new Path2D.Float();
        for (float[] line : polylines) {
            path.moveTo(line[0], line[1]);
            for (int j = 2; j < line.length; j += 2) {
                path.lineTo(line[j], line[j + 1]);
            }
        }
        return path;
    }

    /**
     * The stroke glyphs: for each character, polylines of x,y pairs on a grid with x from 0 (left) to 4
     * (right) and y from 0 (top) to 6 (bottom). Curves are runs of short segments; at the sizes drawn,
     * with round joins, they read as curves.
     */
    private static Map<Character, float[][]> glyphs() {
        float[][] six = {{3.7f, 0.6f, 3.0f, 0.1f, 2.0f, 0.0f, 1.1f, 0.3f, 0.4f, 1.1f, 0.1f, 2.3f, 0.0f, 3.6f,
                0.2f, 4.8f, 0.7f, 5.6f, 1.4f, 5.95f, 2.2f, 6.0f, 3.0f, 5.8f, 3.6f, 5.3f, 3.95f, 4.6f, 3.9f, 3.8f,
                3.5f, 3.1f, 2.8f, 2.7f, 2.0f, 2.6f, 1.2f, 2.8f, 0.6f, 3.2f, 0.1f, 3.8f}};
        return Map.ofEntries(
                Map.entry('A', new float[][] {{0, 6, 2, 0, 4, 6}, {0.7f, 4, 3.3f, 4}}),
                Map.entry('C', new float[][] {{3.9f, 1.0f, 3.3f, 0.3f, 2.4f, 0.0f, 1.5f, 0.1f, 0.7f, 0.6f,
                        0.2f, 1.5f, 0.0f, 3.0f, 0.2f, 4.5f, 0.7f, 5.4f, 1.5f, 5.9f, 2.4f, 6.0f, 3.3f, 5.7f,
                        3.9f, 5.0f}}),
                Map.entry('D', new float[][] {{0, 0, 0, 6, 1.8f, 6, 2.9f, 5.6f, 3.6f, 4.8f, 4, 3.6f, 4, 2.4f,
                        3.6f, 1.2f, 2.9f, 0.4f, 1.8f, 0, 0, 0}}),
                Map.entry('E', new float[][] {{4, 0, 0, 0, 0, 6, 4, 6}, {0, 3, 3, 3}}),
                Map.entry('F', new float[][] {{4, 0, 0, 0, 0, 6}, {0, 3, 3, 3}}),
                Map.entry('H', new float[][] {{0, 0, 0, 6}, {4, 0, 4, 6}, {0, 3, 4, 3}}),
                Map.entry('J', new float[][] {{1.5f, 0, 4, 0}, {3.2f, 0, 3.2f, 4.6f, 2.9f, 5.5f, 2.2f, 6.0f,
                        1.3f, 6.0f, 0.6f, 5.6f, 0.2f, 4.8f}}),
                Map.entry('K', new float[][] {{0, 0, 0, 6}, {4, 0, 0, 4}, {1.3f, 3.0f, 4, 6}}),
                Map.entry('L', new float[][] {{0, 0, 0, 6, 4, 6}}),
                Map.entry('M', new float[][] {{0, 6, 0, 0, 2, 3.6f, 4, 0, 4, 6}}),
                Map.entry('N', new float[][] {{0, 6, 0, 0, 4, 6, 4, 0}}),
                Map.entry('P', new float[][] {{0, 6, 0, 0, 2.6f, 0, 3.4f, 0.3f, 3.9f, 0.9f, 4, 1.6f, 3.9f,
                        2.3f, 3.4f, 2.9f, 2.6f, 3.2f, 0, 3.2f}}),
                Map.entry('R', new float[][] {{0, 6, 0, 0, 2.6f, 0, 3.4f, 0.3f, 3.9f, 0.9f, 4, 1.6f, 3.9f,
                        2.3f, 3.4f, 2.9f, 2.6f, 3.2f, 0, 3.2f}, {2.2f, 3.2f, 4, 6}}),
                Map.entry('T', new float[][] {{0, 0, 4, 0}, {2, 0, 2, 6}}),
                Map.entry('U', new float[][] {{0, 0, 0, 4.4f, 0.3f, 5.3f, 0.9f, 5.85f, 2, 6, 3.1f, 5.85f,
                        3.7f, 5.3f, 4, 4.4f, 4, 0}}),
                Map.entry('V', new float[][] {{0, 0, 2, 6, 4, 0}}),
                Map.entry('W', new float[][] {{0, 0, 1, 6, 2, 2, 3, 6, 4, 0}}),
                Map.entry('X', new float[][] {{0, 0, 4, 6}, {4, 0, 0, 6}}),
                Map.entry('Y', new float[][] {{0, 0, 2, 3, 4, 0}, {2, 3, 2, 6}}),
                Map.entry('3', new float[][] {{0.2f, 0.9f, 0.9f, 0.2f, 1.9f, 0.0f, 2.9f, 0.1f, 3.6f, 0.6f,
                        3.8f, 1.5f, 3.4f, 2.4f, 2.5f, 2.8f, 1.4f, 2.8f}, {2.5f, 2.8f, 3.5f, 3.3f, 4.0f, 4.2f,
                        3.9f, 5.1f, 3.3f, 5.8f, 2.2f, 6.0f, 1.1f, 5.9f, 0.4f, 5.4f, 0.0f, 4.8f}}),
                Map.entry('4', new float[][] {{3, 6, 3, 0, 0, 4.2f, 4, 4.2f}}),
                Map.entry('6', six),
                // The stem falls steeply so that, turned, a 7 does not read as a '>'.
                Map.entry('7', new float[][] {{0, 0, 4, 0, 3.1f, 1.9f, 2.4f, 3.9f, 2.1f, 6}}),
                // A 9 is a 6 turned half a turn, which keeps the two as alike as they are in print.
                Map.entry('9', halfTurn(six)));
    }

    private static float[][] halfTurn(float[][] polylines) {
        float[][] turned = new float[polylines.length][];
        for (int i = 0; i < polylines.length; i++) {
            float[] line = polylines[i];
            turned[i] = new float[line.length];
            for (int j = 0; j < line.length; j += 2) {
                turned[i][j] = GRID_WIDTH - line[j];
                turned[i][j + 1] = GRID_HEIGHT - line[j + 1];
            }
        }
        return turned;
    }
}

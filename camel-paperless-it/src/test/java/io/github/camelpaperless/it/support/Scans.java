package io.github.camelpaperless.it.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Writes a scanned-looking page: a PNG full of text, so that Paperless' OCR works on it for many seconds (a fault
 * injected "mid-consumption" must find the worker still busy; the sample PNG is read in 3–5 s, too short to be sure).
 */
public final class Scans {

    private static final String[] WORDS = { "invoice", "amount", "payment", "customer", "delivery", "reference",
            "total", "account", "address", "contract", "receipt", "balance", "period", "service", "number", "order" };

    private Scans() {
    }

    /** A PNG of {@code lines} lines of words (about 0.1 s of OCR each), the {@code marker} on its first line. */
    public static byte[] page(String marker, int lines) {
        int width = 2480;
        int lineHeight = 56;
        BufferedImage img = new BufferedImage(width, 200 + lines * lineHeight, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
            g.drawString(marker, 120, 140);
            Random words = new Random(marker.hashCode());
            for (int i = 0; i < lines; i++) {
                StringBuilder line = new StringBuilder();
                while (line.length() < 90) {
                    line.append(WORDS[words.nextInt(WORDS.length)]).append(' ').append(words.nextInt(10_000)).append(' ');
                }
                g.drawString(line.toString(), 120, 200 + (i + 1) * lineHeight);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

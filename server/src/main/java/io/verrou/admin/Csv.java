package io.verrou.admin;

import java.util.List;
import java.util.stream.Collectors;

/** CSV lines (RFC 4180) for the admin console's downloads. */
final class Csv {

    private Csv() {
    }

    /** Appends one line. A cell a spreadsheet would run as a formula gets a leading apostrophe. */
    static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches("[^\",\r\n]*") ? safe : '"' + safe.replace("\"", "\"\"") + '"';
    }
}

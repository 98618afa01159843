package io.verrou.authenticator;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the program; Jackson mappers are immutable and thread-safe once built.
 */
final class Json {

    /**
     * Tolerant of unknown properties, because the device API is versioned by adding fields, and a newer app may
     * have written fields this one does not know into the state file.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** For the state file, which a person may want to read. */
    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }
}

package io.verrou.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * How session attributes are written to the database and read back. One written by an earlier version of Verrou
 * that this one can no longer read — a class renamed or changed — is read as absent: the person signs in again, or
 * starts the step again, rather than meeting an error on every page until their session expires.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeSerialization {

    /** The name Spring Session looks up for its own conversions, apart from the application's. */
    @Bean("springSessionConversionService")
    GenericConversionService springSessionConversionService() {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class,
                new UnreadableAsAbsent(new DeserializingConverter(SessionAttributeSerialization.class.getClassLoader())));
        return conversions;
    }

    /** Reads an attribute, or nothing when its bytes no longer make one; says so once per kind of failure. */
    static final class UnreadableAsAbsent implements Converter<byte[], Object> {

        private static final Logger log = LoggerFactory.getLogger(SessionAttributeSerialization.class);

        private final Converter<byte[], Object> reader;
        private final Set<String> told = ConcurrentHashMap.newKeySet();

        UnreadableAsAbsent(Converter<byte[], Object> reader) {
            this.reader = reader;
        }

        @Override
        public Object convert(byte[] source) {
            try {
                return reader.convert(source);
            } catch (SerializationFailedException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (told.add(cause.getClass().getName())) {
                    log.warn("A session attribute could not be read ({}); it is treated as absent", cause.getClass().getName());
                }
                return null;
            }
        }
    }
}

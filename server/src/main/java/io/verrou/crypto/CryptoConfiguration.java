package io.verrou.crypto;

import java.security.SecureRandom;

import io.verrou.VerrouProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    MasterKey masterKey(VerrouProperties properties, SecureRandom random) {
        return MasterKey.load(properties.masterKey(), properties.dataDir(), random);
    }
}

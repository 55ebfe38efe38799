package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Where a connection's TLS comes from: an sslContextParameters bean (the endpoint's, else Camel's global one when
 * useGlobalSslContextParameters is on), PEM resources, or both, the PEM resources then replacing the bean's trust
 * ({@code trustCertificates}) or key material ({@code clientCertificate}, {@code clientKey}). Equal sources share one
 * TLS socket factory.
 */
record TlsSource(SSLContextParameters parameters, String trustCertificates, String clientCertificate, String clientKey) {

    static TlsSource of(IotHubMqttConnectionConfiguration config, SSLContextParameters global) {
        if (config.getClientKey() != null && config.getClientCertificate() == null) {
            throw new IllegalArgumentException("clientKey is set without clientCertificate: set both, or neither");
        }
        SSLContextParameters parameters = config.getSslContextParameters() != null ? config.getSslContextParameters() : global;
        return new TlsSource(parameters, config.getTrustCertificates(), config.getClientCertificate(), config.getClientKey());
    }

    /** Nothing set: the JVM's default TLS (its trust store, no client certificate). */
    boolean isJvmDefault() {
        return parameters == null && trustCertificates == null && clientCertificate == null;
    }

    /** Whether the device authenticates with an X.509 certificate. */
    boolean hasClientCertificate() {
        return clientCertificate != null || parameters != null && parameters.getKeyManagers() != null;
    }

    /** The Camel TLS settings these sources make: the bean itself when no PEM resource is set. */
    SSLContextParameters toParameters(CamelContext context) {
        if (trustCertificates == null && clientCertificate == null) {
            return parameters;
        }
        SSLContextParameters tls = parameters == null ? new SSLContextParameters() : copy(parameters);
        if (trustCertificates != null) {
            tls.setTrustManagers(trustManagers(context));
        }
        if (clientCertificate != null) {
            tls.setKeyManagers(keyManagers(context));
        }
        return tls;
    }

    private TrustManagersParameters trustManagers(CamelContext context) {
        KeyStore store = emptyStore();
        int n = 0;
        for (String location : trustCertificates.split(",")) {
            String trimmed = location.trim();
            for (X509Certificate certificate : PemText.certificates(read(context, trimmed, "trustCertificates"),
                    "trustCertificates " + trimmed)) {
                try {
                    store.setCertificateEntry("trusted-" + n++, certificate);
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("trustCertificates " + trimmed + ": " + e.getMessage(), e);
                }
            }
        }
        KeyStoreParameters storeParameters = new KeyStoreParameters();
        storeParameters.setKeyStore(store);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(storeParameters);
        return trust;
    }

    private KeyManagersParameters keyManagers(CamelContext context) {
        String certificateText = read(context, clientCertificate, "clientCertificate");
        List<X509Certificate> chain = PemText.certificates(certificateText, "clientCertificate " + clientCertificate);
        PrivateKey key;
        if (clientKey != null) {
            key = PemText.privateKey(read(context, clientKey, "clientKey"), "clientKey " + clientKey);
        } else if (PemText.hasPrivateKey(certificateText)) {
            key = PemText.privateKey(certificateText, "clientCertificate " + clientCertificate);
        } else {
            throw new IllegalArgumentException("clientCertificate " + clientCertificate + " holds no private key:"
                    + " set clientKey to the PEM file of the certificate's key");
        }
        checkPair(key, chain.get(0));
        // the store lives in memory only; its password protects nothing but is required by the KeyStore API
        String password = UUID.randomUUID().toString();
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("device", key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("clientCertificate " + clientCertificate + " and its key cannot be used: "
                    + e.getMessage());
        }
        KeyStoreParameters storeParameters = new KeyStoreParameters();
        storeParameters.setKeyStore(store);
        storeParameters.setPassword(password);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(storeParameters);
        keys.setKeyPassword(password);
        return keys;
    }

    /** A key that does not belong to the certificate fails the TLS handshake with a vague error: say it here. */
    private void checkPair(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] probe = "iothub-mqtt key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException differentKeyTypes) {
            // not a pair either
        }
        throw new IllegalArgumentException("the private key in " + (clientKey != null
                ? "clientKey " + clientKey
                : "clientCertificate " + clientCertificate) + " does not belong to the certificate in clientCertificate "
                + clientCertificate + " (subject " + certificate.getSubjectX500Principal() + ")");
    }

    private static String read(CamelContext context, String location, String option) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, location)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " cannot be read from " + location + " (use file:, classpath:"
                    + " or another Camel resource URI): " + e.getMessage());
        }
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JVM has no PKCS12 key store", e);
        }
    }

    /** The bean's settings but its key and trust managers, which the caller sets; the user's bean stays as it is. */
    private static SSLContextParameters copy(SSLContextParameters from) {
        SSLContextParameters to = new SSLContextParameters();
        to.setKeyManagers(from.getKeyManagers());
        to.setTrustManagers(from.getTrustManagers());
        to.setSecureRandom(from.getSecureRandom());
        to.setClientParameters(from.getClientParameters());
        to.setServerParameters(from.getServerParameters());
        to.setProvider(from.getProvider());
        to.setSecureSocketProtocol(from.getSecureSocketProtocol());
        to.setCertAlias(from.getCertAlias());
        to.setCipherSuites(from.getCipherSuites());
        to.setCipherSuitesFilter(from.getCipherSuitesFilter());
        to.setSecureSocketProtocols(from.getSecureSocketProtocols());
        to.setSecureSocketProtocolsFilter(from.getSecureSocketProtocolsFilter());
        to.setSessionTimeout(from.getSessionTimeout());
        to.setCamelContext(from.getCamelContext());
        return to;
    }

    @Override
    public String toString() {
        return "TlsSource[" + (parameters == null ? "" : "sslContextParameters, ") + "trustCertificates=" + trustCertificates
                + ", clientCertificate=" + clientCertificate + ", clientKey=" + clientKey + "]";
    }
}

package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.iothubmqtt.protocol.Identity;

/**
 * {@code --x509-device ID}: a device that authenticates with a certificate the emulator's CA issues (CN = the device
 * id), registered by its thumbprint; the certificate and its key are written as PEM next to the CA certificate.
 */
record X509DeviceFiles(Path certificate, Path key) {

    static X509DeviceFiles register(IotHubEmulator hub, String deviceId) {
        CertificateAuthority.Issued issued = hub.certificateAuthority().issueClientCertificate(deviceId);
        hub.registry().add(RegisteredIdentity.withThumbprints(Identity.device(deviceId),
                Thumbprints.sha256(issued.certificate()), null));
        Path directory = hub.caCertificatePath().toAbsolutePath().getParent();
        X509DeviceFiles files = new X509DeviceFiles(directory.resolve(deviceId + "-cert.pem"),
                directory.resolve(deviceId + "-key.pem"));
        try {
            Files.writeString(files.certificate(), CertificateAuthority.pem(issued.certificate()));
            Files.deleteIfExists(files.key());
            Files.createFile(files.key());
            if (files.key().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(files.key(), PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(files.key(), CertificateAuthority.pem(issued.privateKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate of " + deviceId + " to " + directory, e);
        }
        return files;
    }
}

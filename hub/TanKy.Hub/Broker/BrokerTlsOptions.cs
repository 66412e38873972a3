namespace TanKy.Hub.Broker;

/// <summary>
/// Optional TLS listener (section <c>Broker:Tls</c>). <see cref="CertificateFile"/> is either a
/// PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, optionally protected by <see cref="CertificatePassword"/>)
/// or a PEM file holding the certificate chain and its private key together (any other
/// extension; <see cref="CertificatePassword"/> then decrypts an encrypted PKCS#8 key).
/// A combined PEM file is the recommended form because Mosquitto reads the very same file.
/// </summary>
public sealed class BrokerTlsOptions
{
    public bool Enabled { get; set; }

    public int Port { get; set; } = 8883;

    /// <summary>
    /// Address of the TLS listener; unset: the same as <c>Broker:BindAddress</c>. Lets the TLS
    /// listener face the LAN (<c>0.0.0.0</c>) while the plain one stays on loopback for the hub.
    /// </summary>
    public string? BindAddress { get; set; }

    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }
}

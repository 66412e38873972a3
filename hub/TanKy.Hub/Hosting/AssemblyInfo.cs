using System.Runtime.Versioning;

// The hub runs on Linux gateways (Raspberry Pi OS, Debian); Unix file modes protect secrets on disk.
[assembly: SupportedOSPlatform("linux")]

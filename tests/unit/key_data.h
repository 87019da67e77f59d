/* Private keys made with openssl for test_key.c: RSA-2048 (PKCS#8 and
 * PKCS#1), P-256 (PKCS#8 and SEC1), P-384 (PKCS#8 and SEC1), Ed25519
 * (PKCS#8), and a password-protected PKCS#8. */
static const char key_rsa_pkcs8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCvdpnKNn9nJaUk\n"
    "kf8Bt8qmwB6oe0rRP/H3RDHjm1K8onH4QeDtGHkR8yPTaotGnn/URkKccNIOCptA\n"
    "EqmtjQ+s97nANU76e9f72KYBX80cv+41mBHxkZp+U64M6GHmql7oFbejU4yjNtUS\n"
    "26lfkrtE65W/5SDMDWCnpNnv/eaDoK7nS74yy5L3sRMB6q+gES5yThNzaj6YKnZM\n"
    "8w8jS6ZFbpRicwgjFhs0VWBsjNgMSczPszwNUrRuIVcRUFNBA79gxhk0tCompwNE\n"
    "onXPbCuQwFgnKUVrPJb6u2okKR9nL+xQ9bvh2JOSZDtd6tgVVll+QkwVcIPBdUDM\n"
    "gGrjLpfvAgMBAAECggEAAn6ZbsO3CZylIH4+3lIzx/7vatQlLG4KNiejaHtAvFPP\n"
    "oP0ZsIgkoTnhmvasuAvZXfA39avHfdGc9z9pxIDhtyu4QmwcsCck8nypkEBY4KA2\n"
    "pNrHP/uuZ2zTIgF7ZniTPWNyYV6Cn3B+8bnIHAa8GkwZrHe9XeZibMKiaGFUV4yz\n"
    "gpj+fdEMkBHk7gPlkAl9x+UX4I/r+sB0yljJqdqx9C0RO7yNaxJs8KUYJ7Z4SG6P\n"
    "J1cAe+SsP8///VhE3L6wiFYrh11ZOIUUiZAVl0Hx8BiLXeQB1gSkRHTws7JVNvcU\n"
    "cZHBE9pQqBgAhngr28USaI2VFNJiwm+e8C41oen0yQKBgQDagNneswq30J2jdV8p\n"
    "AG4bDNMVi9/4sAjv9HAIeMBm1qIKV2Iw0zWFLs4RxDwWNv2caEiyx8qhF2AVf5PC\n"
    "E4SXbYb4vM9d3MNIaacSrmnM3UeG05saT9SKw5ouagf3PAzoHeSdVxYTqB/0t+x5\n"
    "wZ1xSMpyhvtVf25DQczYICe83QKBgQDNkvEpYtrnYlkf5NcTV9XUy5NIe9CpiLHs\n"
    "fDJLTebYVXcm1ZjBCO6+ypiMDnqSU7R2HtZQoA8RVQmyZnp+Q/mlqFG49ldi5HiO\n"
    "8TEF14bGWUTC3pSQHH/F+ZoO9126Yg64yYe8tgnr+5IDLZU4gGCPijihhQM4kqbf\n"
    "ORuIiXDFOwKBgFW1U0C6xEqEB0G16YTgyU/NAQOjoVAgZPES1dtM2lO8f0VFL5vt\n"
    "TUIXsPdhHRytp19xvIp8OixkSelE6MWo+EqZyObK0SCFVwiRgNqgFZopdkQZvu5c\n"
    "QAfKYDEyoDtHj9yA1UsufNdrDFXmy1ibLNHh9p9j+TR5TtwM9HgWbN/1AoGBAJkq\n"
    "O06Hneu55geSXADId8RVbUYbIiu+cjptipd60l0qyF0B1g81FZTHpALuIrr1bMZ5\n"
    "UVq+9psGTfRC0E9VXCLmFwWFXTSMX5q477qXi44rIsVCS1RYN4cM4pD2Ezp0Jt3d\n"
    "Iaojw560UGTXyI9RbyBjbrBBR1YWRgiZJv+Cz6fTAoGBAKdQ2GBOtajG9QXoea6X\n"
    "B7KH64tod36+QECv1yw44Kra1F/kUbKfoEpngRHr+C0jukQ2Z1IwhWh+Du0fQImF\n"
    "hkn09cHDKtHmFYCqAym7B8Kj9KXlCBb7atMsxXcuLoQflD1zUL/GIoEHaGwyPQ5R\n"
    "YNxUBHNLHmqpiTKzYeyH3RHj\n"
    "-----END PRIVATE KEY-----\n";
static const char key_rsa_pkcs1[] =
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEAr3aZyjZ/ZyWlJJH/AbfKpsAeqHtK0T/x90Qx45tSvKJx+EHg\n"
    "7Rh5EfMj02qLRp5/1EZCnHDSDgqbQBKprY0PrPe5wDVO+nvX+9imAV/NHL/uNZgR\n"
    "8ZGaflOuDOhh5qpe6BW3o1OMozbVEtupX5K7ROuVv+UgzA1gp6TZ7/3mg6Cu50u+\n"
    "MsuS97ETAeqvoBEuck4Tc2o+mCp2TPMPI0umRW6UYnMIIxYbNFVgbIzYDEnMz7M8\n"
    "DVK0biFXEVBTQQO/YMYZNLQqJqcDRKJ1z2wrkMBYJylFazyW+rtqJCkfZy/sUPW7\n"
    "4diTkmQ7XerYFVZZfkJMFXCDwXVAzIBq4y6X7wIDAQABAoIBAAJ+mW7DtwmcpSB+\n"
    "Pt5SM8f+72rUJSxuCjYno2h7QLxTz6D9GbCIJKE54Zr2rLgL2V3wN/Wrx33RnPc/\n"
    "acSA4bcruEJsHLAnJPJ8qZBAWOCgNqTaxz/7rmds0yIBe2Z4kz1jcmFegp9wfvG5\n"
    "yBwGvBpMGax3vV3mYmzComhhVFeMs4KY/n3RDJAR5O4D5ZAJfcflF+CP6/rAdMpY\n"
    "yanasfQtETu8jWsSbPClGCe2eEhujydXAHvkrD/P//1YRNy+sIhWK4ddWTiFFImQ\n"
    "FZdB8fAYi13kAdYEpER08LOyVTb3FHGRwRPaUKgYAIZ4K9vFEmiNlRTSYsJvnvAu\n"
    "NaHp9MkCgYEA2oDZ3rMKt9Cdo3VfKQBuGwzTFYvf+LAI7/RwCHjAZtaiCldiMNM1\n"
    "hS7OEcQ8Fjb9nGhIssfKoRdgFX+TwhOEl22G+LzPXdzDSGmnEq5pzN1HhtObGk/U\n"
    "isOaLmoH9zwM6B3knVcWE6gf9LfsecGdcUjKcob7VX9uQ0HM2CAnvN0CgYEAzZLx\n"
    "KWLa52JZH+TXE1fV1MuTSHvQqYix7HwyS03m2FV3JtWYwQjuvsqYjA56klO0dh7W\n"
    "UKAPEVUJsmZ6fkP5pahRuPZXYuR4jvExBdeGxllEwt6UkBx/xfmaDvddumIOuMmH\n"
    "vLYJ6/uSAy2VOIBgj4o4oYUDOJKm3zkbiIlwxTsCgYBVtVNAusRKhAdBtemE4MlP\n"
    "zQEDo6FQIGTxEtXbTNpTvH9FRS+b7U1CF7D3YR0cradfcbyKfDosZEnpROjFqPhK\n"
    "mcjmytEghVcIkYDaoBWaKXZEGb7uXEAHymAxMqA7R4/cgNVLLnzXawxV5stYmyzR\n"
    "4fafY/k0eU7cDPR4Fmzf9QKBgQCZKjtOh53rueYHklwAyHfEVW1GGyIrvnI6bYqX\n"
    "etJdKshdAdYPNRWUx6QC7iK69WzGeVFavvabBk30QtBPVVwi5hcFhV00jF+auO+6\n"
    "l4uOKyLFQktUWDeHDOKQ9hM6dCbd3SGqI8OetFBk18iPUW8gY26wQUdWFkYImSb/\n"
    "gs+n0wKBgQCnUNhgTrWoxvUF6Hmulweyh+uLaHd+vkBAr9csOOCq2tRf5FGyn6BK\n"
    "Z4ER6/gtI7pENmdSMIVofg7tH0CJhYZJ9PXBwyrR5hWAqgMpuwfCo/Sl5QgW+2rT\n"
    "LMV3Li6EH5Q9c1C/xiKBB2hsMj0OUWDcVARzSx5qqYkys2Hsh90R4w==\n"
    "-----END RSA PRIVATE KEY-----\n";
static const char key_p256_pkcs8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5upp2qiWFzUUZ82J\n"
    "rdrVRZgj8h30Rjq1avdTn511l+OhRANCAARbqmbHeYtUGSO0OIhSUAxBk9g7IJOm\n"
    "TLNLmGgQ1o4QkZN9BvW2xpnSjZQUGb9LTkdt7bxtF4sKpuDGoAUORlzr\n"
    "-----END PRIVATE KEY-----\n";
static const char key_p256_sec1[] =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIObqadqolhc1FGfNia3a1UWYI/Id9EY6tWr3U5+ddZfjoAoGCCqGSM49\n"
    "AwEHoUQDQgAEW6pmx3mLVBkjtDiIUlAMQZPYOyCTpkyzS5hoENaOEJGTfQb1tsaZ\n"
    "0o2UFBm/S05Hbe28bReLCqbgxqAFDkZc6w==\n"
    "-----END EC PRIVATE KEY-----\n";
static const char key_p384_pkcs8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAXSwhbxUDDfsYaPqvL\n"
    "uaEDg7ykFFzDi2A6u5T3/EOlrUbkWNtr1Mr+sRLR+zDD3wKhZANiAASCcfjyPGE0\n"
    "MxtdXaaxdJhSmv+gHcest5xeUWXYsnHgerG3zZ6tVMtF37DRyYhOyLb2upH9Hnzn\n"
    "rgSH4PVoNPrzUyg1Wgpqsshn8jHji/N9p5AVdVcI6JpRVF5ncIc+l9k=\n"
    "-----END PRIVATE KEY-----\n";
static const char key_p384_sec1[] =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MIGkAgEBBDAXSwhbxUDDfsYaPqvLuaEDg7ykFFzDi2A6u5T3/EOlrUbkWNtr1Mr+\n"
    "sRLR+zDD3wKgBwYFK4EEACKhZANiAASCcfjyPGE0MxtdXaaxdJhSmv+gHcest5xe\n"
    "UWXYsnHgerG3zZ6tVMtF37DRyYhOyLb2upH9HnznrgSH4PVoNPrzUyg1Wgpqsshn\n"
    "8jHji/N9p5AVdVcI6JpRVF5ncIc+l9k=\n"
    "-----END EC PRIVATE KEY-----\n";
static const char key_ed25519[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIPxWtR5FRqiAMzC8Z4zmN/N3tEzloXl5sAfZT6VDfuhB\n"
    "-----END PRIVATE KEY-----\n";
static const char key_encrypted[] =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjkO6vfxj0g4AICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJ2OpbCO2GJC6cx3/4+fuKcEgZAB\n"
    "iaSltjr18GYcCb4annglzVQrVISjz69IiT23SHj9GIkw8gbF+PcKqskHe5cvKqaj\n"
    "Ep05ZWHhBJRaB03sE718qkbA8LMbaH+2ZNaae2Ow/7UHmD2GXqwFH/0Y/a3Uz4Cr\n"
    "kB1Wn8XGJNvJAW/cGN16IITQBEoM7U2F9kCvfqBtWiLjvS4xmekWXE1rKD31L/s=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";

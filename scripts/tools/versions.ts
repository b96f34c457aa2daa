// Pinned versions of the external tools the harness installs itself: the one place to change them.

/** Prometheus comes from Debian's package; native histograms over remote write need 2.40 or later. */
export const PROMETHEUS = { debianPackage: 'prometheus', minimumMajor: 2, minimumMinor: 40 } as const;

/** Chromium for the report's browser test comes from Debian's package (`playwright install` downloads from elsewhere). */
export const CHROMIUM = { debianPackage: 'chromium', executables: ['chromium', 'chromium-browser'] } as const;

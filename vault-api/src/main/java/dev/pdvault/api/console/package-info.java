/** The auditor console: a static page with a strict Content-Security-Policy, and the small read-only endpoints it needs. */
package dev.pdvault.api.console;

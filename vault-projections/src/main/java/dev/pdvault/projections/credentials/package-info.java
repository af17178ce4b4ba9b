/** The credential projection: each subject's password hash, sealed, for verification; never a token. */
package dev.pdvault.projections.credentials;

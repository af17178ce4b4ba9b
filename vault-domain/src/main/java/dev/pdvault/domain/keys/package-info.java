/**
 * The key-encryption key ring: KEK epochs (a new primary version, every live data key rewrapped under it, the
 * old versions destroyed) and the erasures that reached backups because every KEK version that ever wrapped
 * their keys is destroyed.
 */
package dev.pdvault.domain.keys;

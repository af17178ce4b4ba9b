/**
 * Publication of the privacy policy's versions. A major change puts the consents to the purposes it affects
 * on hold until they are renewed (policy: VIII).
 */
package dev.pdvault.domain.publication;

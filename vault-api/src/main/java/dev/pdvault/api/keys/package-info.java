/** The store of wrapped data keys in PostgreSQL: creation, the access-time fence, and destruction. */
package dev.pdvault.api.keys;

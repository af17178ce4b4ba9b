/** Group commit: many requests' writes in one PostgreSQL transaction, each request answered after the commit. */
package dev.pdvault.api.commit;

/** The subject projection: each subject's region, status and erasure receipts. */
package dev.pdvault.projections.subjects;

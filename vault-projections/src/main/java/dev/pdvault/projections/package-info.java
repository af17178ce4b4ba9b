/**
 * Read models built from the event stream. None holds plaintext: tokens map to sealed values, subjects to
 * their status, timelines to redacted summaries. Each can be dropped and rebuilt by replay.
 */
package dev.pdvault.projections;

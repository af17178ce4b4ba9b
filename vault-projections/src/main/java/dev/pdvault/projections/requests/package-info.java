/** Data-subject requests as a table: their state and due date, for the officers' lists and the gauge. */
package dev.pdvault.projections.requests;

/** The privacy policy as a model: categories, fields, purposes and key classes, and the decisions they drive. */
package dev.pdvault.domain.policy;

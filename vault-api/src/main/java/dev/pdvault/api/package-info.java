/** The runnable vault: wires the domain, projections and crypto into a Spring Boot application with a REST API. */
package dev.pdvault.api;

/** HTTP concerns shared by every endpoint: problem details, body limits, wiring of interceptors. */
package dev.pdvault.api.web;

/** The client's README example as code: run against a started vault by vault-api's ClientExampleIT. */
package dev.pdvault.client.example;

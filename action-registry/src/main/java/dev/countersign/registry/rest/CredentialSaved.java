package dev.countersign.registry.rest;

/** The answer to a credential PUT: what was stored, without the value. */
public record CredentialSaved(String name, String description) {
}

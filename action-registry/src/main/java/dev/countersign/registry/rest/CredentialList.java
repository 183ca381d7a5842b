package dev.countersign.registry.rest;

import dev.countersign.registry.service.CredentialService;
import java.util.List;

/** A tenant's credentials: names, descriptions and dates, never values. */
public record CredentialList(List<CredentialService.Summary> items) {
}

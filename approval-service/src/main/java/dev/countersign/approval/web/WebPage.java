package dev.countersign.approval.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the HTML resources (inbox, link pages): {@link CsrfFilters} protects their forms (every unsafe request
 * must carry the CSRF form field matching the CSRF cookie) and {@link PageHeaders} adds the browser hardening
 * headers. The JSON API is not bound: it takes no forms.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WebPage {
}

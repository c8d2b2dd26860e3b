package com.userautomations.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "schools")
public class School extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String timezone;
    /** JSON array of addresses. */
    @Column(name = "admin_emails")
    public String adminEmails;
    @Column(name = "from_email")
    public String fromEmail;
    /** Bumped on every automation change, so every process notices it. */
    @Column(name = "rules_version")
    public long rulesVersion;
    /** JSON of a {@link SendWindow}, null when off. */
    @Column(name = "send_window")
    public String sendWindow;
    /** JSON of a {@link FrequencyCap}, null when off. */
    @Column(name = "frequency_cap")
    public String frequencyCap;
    @Column(name = "created_at")
    public Instant createdAt;
}

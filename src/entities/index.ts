/** Every TypeORM entity, for the DataSource (and so for migration generation). */
import { Activity } from "./activity.entity";
import { ApiKey } from "./api-key.entity";
import { AuditEntry } from "./audit-entry.entity";
import { Award } from "./award.entity";
import { AwardRecipient } from "./award-recipient.entity";
import { Chapter } from "./chapter.entity";
import { CoreValue } from "./core-value.entity";
import { DataVersion } from "./data-version.entity";
import { Country } from "./country.entity";
import { Fact } from "./fact.entity";
import { MembershipSnapshot } from "./membership-snapshot.entity";
import { Objective } from "./objective.entity";
import { Office } from "./office.entity";
import { Organization } from "./organization.entity";
import { Participation } from "./participation.entity";
import { Principle } from "./principle.entity";
import { Programme } from "./programme.entity";
import { Region } from "./region.entity";
import { Source } from "./source.entity";

export const ENTITIES = [
  Source, Region, Country, Chapter, MembershipSnapshot, Programme, Participation, Award, AwardRecipient,
  Principle, CoreValue, Objective, Activity, Fact, Office, Organization, DataVersion, ApiKey, AuditEntry,
];

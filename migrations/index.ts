/** Every migration, in order. Listed rather than globbed: see src/db/data-source.ts. */
import { Init1795922007092 } from "./1795922007092-Init";
import { DataVersion1795925439298 } from "./1795925439298-DataVersion";
import { EditsAndKeys1795990000000 } from "./1795990000000-EditsAndKeys";
import { MembershipRollup1796283781069 } from "./1796283781069-MembershipRollup";
import { LicenceIdAndNote1796400000000 } from "./1796400000000-LicenceIdAndNote";

export const MIGRATIONS = [Init1795922007092, DataVersion1795925439298, EditsAndKeys1795990000000, MembershipRollup1796283781069, LicenceIdAndNote1796400000000];

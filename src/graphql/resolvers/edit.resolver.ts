/**
 * The editors' mutations. Each checks the caller's role before anything else,
 * makes one change through the edit service (validated by the import's rules,
 * version-checked, audited, in one transaction) and answers with the record as
 * it now is. Records are never deleted: chapters and participations are
 * archived, snapshots and facts corrected.
 */
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../../auth/caller";
import { columnsOf, editRecord, type Change } from "../../editing/edit.service";
import type { EditableKind } from "../../editing/editable";
import { AuditAction } from "../../model/enums";
import { editRepository } from "../../repositories/edit.repository";
import type { Context } from "../context";
import type DataLoader from "dataloader";
import type { Loaders } from "../loaders";
import { badUserInput } from "../errors";
import { fromGlobalId, rowIdOf } from "../relay/global-id";
import { Chapter } from "../types/chapter.type";
import { ChapterInput, ChapterPatch, FactInput, FactPatch, MembershipInput, MembershipPatch, ParticipationInput } from "../types/edit.type";
import { MembershipSnapshot } from "../types/membership.type";
import { Fact } from "../types/organization.type";
import { Participation } from "../types/programme.type";

const VERSION = { description: "The version of the record you read (its `version` field); refused with CONFLICT when it is no longer current." };

/** The row id of a global ID of `type`; BAD_USER_INPUT for an ID of another type or a malformed one. */
function rowIdOfId(id: string, type: string, argumentName = "id"): number {
  const decoded = fromGlobalId(id, argumentName);
  const rowId = decoded.type === type ? rowIdOf(decoded.key) : null;
  if (rowId === null) throw badUserInput(`"${id.slice(0, 100)}" is not the ID of a ${type}.`, argumentName);
  return rowId;
}

@Resolver()
export class EditResolver {
  /**
   * Checks the role, makes the change, and loads the record as it now is. The
   * rest of the request reads the primary, through fresh loaders: a replica may
   * not have the write yet, and the answer must show it (read-after-write).
   */
  private async edit<T>(context: Context, kind: EditableKind, what: string, change: Change, loader: (loaders: Loaders) => DataLoader<number, T | null>): Promise<T> {
    requireRole(context.caller, "editor", what);
    const id = await editRecord(context.dataSource, context.caller, kind, change);
    context.sql = context.sql.primary();
    context.loaders = context.loaders.over(context.sql);
    const record = await loader(context.loaders).load(id);
    if (!record) throw new Error(`${kind} ${id} was saved but cannot be read back`);
    return record;
  }

  @Mutation(() => Chapter, { description: "Adds a chapter or special interest group. Editors only. CONFLICT when its slug is taken." })
  createChapter(@Arg("input", () => ChapterInput, { description: "The chapter." }) input: ChapterInput, @Ctx() context: Context): Promise<Chapter> {
    return this.edit(context, "chapter", "Creating a chapter", { action: AuditAction.CREATE, values: columnsOf(input) }, (loaders) => loaders.chapter);
  }

  @Mutation(() => Chapter, { description: "Changes a chapter (and restores it if archived). Editors only." })
  updateChapter(
    @Arg("id", () => ID, { description: "The chapter's ID." }) id: string,
    @Arg("version", () => Int, VERSION) version: number,
    @Arg("patch", () => ChapterPatch, { description: "The fields to change." }) patch: ChapterPatch,
    @Ctx() context: Context,
  ): Promise<Chapter> {
    const change: Change = { action: AuditAction.UPDATE, id: rowIdOfId(id, "Chapter"), version, values: columnsOf(patch) };
    return this.edit(context, "chapter", "Updating a chapter", change, (loaders) => loaders.chapter);
  }

  @Mutation(() => Chapter, { description: "Archives a chapter: it leaves public lists and stays readable by editors; `updateChapter` restores it. Editors only." })
  archiveChapter(@Arg("id", () => ID, { description: "The chapter's ID." }) id: string, @Arg("version", () => Int, VERSION) version: number, @Ctx() context: Context): Promise<Chapter> {
    const change: Change = { action: AuditAction.ARCHIVE, id: rowIdOfId(id, "Chapter"), version };
    return this.edit(context, "chapter", "Archiving a chapter", change, (loaders) => loaders.chapter);
  }

  @Mutation(() => MembershipSnapshot, { description: "Records a chapter's membership on a date. Editors only. CONFLICT when that date has a snapshot already: correct it instead." })
  recordMembership(@Arg("input", () => MembershipInput, { description: "The counts and their source." }) input: MembershipInput, @Ctx() context: Context): Promise<MembershipSnapshot> {
    return this.edit(context, "membership_snapshot", "Recording membership", { action: AuditAction.CREATE, values: columnsOf(input) }, (loaders) => loaders.snapshot);
  }

  @Mutation(() => MembershipSnapshot, { description: "Corrects a membership snapshot. Editors only." })
  correctMembership(
    @Arg("id", () => ID, { description: "The snapshot's ID." }) id: string,
    @Arg("version", () => Int, VERSION) version: number,
    @Arg("patch", () => MembershipPatch, { description: "The fields to correct." }) patch: MembershipPatch,
    @Ctx() context: Context,
  ): Promise<MembershipSnapshot> {
    const change: Change = { action: AuditAction.UPDATE, id: rowIdOfId(id, "MembershipSnapshot"), version, values: columnsOf(patch) };
    return this.edit(context, "membership_snapshot", "Correcting membership", change, (loaders) => loaders.snapshot);
  }

  @Mutation(() => Participation, {
    description:
      "Sets a chapter's participation in a programme: adds it, or changes (and restores) the one there is, which then needs `version`. Editors only.",
  })
  async setParticipation(
    @Arg("input", () => ParticipationInput, { description: "The participation and its source." }) input: ParticipationInput,
    @Arg("version", () => Int, { nullable: true, description: "Required when the chapter already takes part in the programme: the version you read." }) version: number | null | undefined,
    @Ctx() context: Context,
  ): Promise<Participation> {
    requireRole(context.caller, "editor", "Setting a participation");
    const existing = await editRepository.participationId(context.dataSource.manager, input.chapterSlug, input.programmeSlug);
    let change: Change;
    if (existing === null) change = { action: AuditAction.CREATE, values: columnsOf(input) };
    else if (version == null) throw badUserInput(`The chapter "${input.chapterSlug}" already takes part in "${input.programmeSlug}": pass the \`version\` you read to change it.`, "version");
    else change = { action: AuditAction.UPDATE, id: existing, version, values: columnsOf(input) };
    return this.edit(context, "participation", "Setting a participation", change, (loaders) => loaders.participation);
  }

  @Mutation(() => Participation, { description: "Ends a chapter's participation in a programme (archives it; `setParticipation` restores it). Editors only." })
  endParticipation(@Arg("id", () => ID, { description: "The participation's ID." }) id: string, @Arg("version", () => Int, VERSION) version: number, @Ctx() context: Context): Promise<Participation> {
    const change: Change = { action: AuditAction.ARCHIVE, id: rowIdOfId(id, "Participation"), version };
    return this.edit(context, "participation", "Ending a participation", change, (loaders) => loaders.participation);
  }

  @Mutation(() => Fact, { description: "Adds a dated figure with its source. Editors only. CONFLICT when the same figure, date and source is recorded." })
  addFact(@Arg("input", () => FactInput, { description: "The figure and its source." }) input: FactInput, @Ctx() context: Context): Promise<Fact> {
    return this.edit(context, "fact", "Adding a fact", { action: AuditAction.CREATE, values: columnsOf(input) }, (loaders) => loaders.fact);
  }

  @Mutation(() => Fact, { description: "Corrects a fact. Editors only." })
  correctFact(
    @Arg("id", () => ID, { description: "The fact's ID." }) id: string,
    @Arg("version", () => Int, VERSION) version: number,
    @Arg("patch", () => FactPatch, { description: "The fields to correct." }) patch: FactPatch,
    @Ctx() context: Context,
  ): Promise<Fact> {
    const change: Change = { action: AuditAction.UPDATE, id: rowIdOfId(id, "Fact"), version, values: columnsOf(patch) };
    return this.edit(context, "fact", "Correcting a fact", change, (loaders) => loaders.fact);
  }
}

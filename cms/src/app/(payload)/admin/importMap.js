import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { CaretFromSelectedNodeClient as CaretFromSelectedNodeClient_2c1ef7c080ce081e6778ca9a508f6a84 } from '../../../fields/caretFromSelectedNode/feature.client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecksPanel as ChecksPanel_5ce37a8c5113122b1003692e3c294d30 } from '../../../checks/admin/ChecksPanel'
import { ReorderNote as ReorderNote_398f064097fe7c34e110ef4ab52decfc } from '../../../publishing/admin/WriterNote'
import { UntitledHeading as UntitledHeading_27b17c6b5e640d903a6b702693573086 } from '../../../publishing/admin/UntitledHeading'
import { WriterNote as WriterNote_398f064097fe7c34e110ef4ab52decfc } from '../../../publishing/admin/WriterNote'
import { AskForReview as AskForReview_da65190424dc0c03d56a375c8a1fc598 } from '../../../collections/ReviewRequests/admin/AskForReview'
import { PublishBlocked as PublishBlocked_d2d2f078611ec01b06dcd2af8a8d7743 } from '../../../checks/admin/PublishBlocked'
import { GoingLive as GoingLive_4b3faa79d7568a0cb9e18b127fc551ef } from '../../../publishing/admin/GoingLive'
import { NotOnSite as NotOnSite_ff4ada7cc40d887bbd713a5c0ffcca6c } from '../../../publishing/admin/NotOnSite'
import { AlsoShownOn as AlsoShownOn_b2af96d3143708749f4d5db1081e1d2b } from '../../../publishing/admin/AlsoShownOn'
import { HebrewYearHints as HebrewYearHints_2bc993781218ad528e9d7a63266efd06 } from '../../../fields/HebrewYearHints'
import { BlocksFeatureClient as BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StatusTabs as StatusTabs_4576949e0e83e620e5c2137c002b127e } from '../../../collections/Subscribers/admin/StatusTabs'
import { EraseButton as EraseButton_6e3d11b6f43dec044aadd010eb81e1c1 } from '../../../collections/Subscribers/admin/EraseButton'
import { WebhookHealth as WebhookHealth_41ce6d6852251330f25d919779132cfe } from '../../../collections/Webhooks/WebhookHealth'
import { CallBody as CallBody_447e2a0eae01e1eda78f733565a737fd } from '../../../collections/WebhookDeliveries/admin/CallBody'
import { SendAgainButton as SendAgainButton_ee36789eea7fb3e70a980844d4a17451 } from '../../../collections/WebhookDeliveries/admin/SendAgainButton'
import { ChangedPageLink as ChangedPageLink_ce601263d78ef96a48ea116f5f20eb50 } from '../../../collections/SiteBuilds/ChangedPageLink'
import { RollbackButton as RollbackButton_84bab6eaec2f7623f1be7add942f3a0f } from '../../../collections/SiteBuilds/RollbackButton'
import { RebuildNowButton as RebuildNowButton_953493776ede7783e524699319cec96e } from '../../../collections/SiteBuilds/RebuildNowButton'
import { Desk as Desk_7dec784ed524a00ad8545790934575d0 } from '../../../desk/admin/Desk'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { ImportView as ImportView_af1c12596a70763334593948fd6eadbd } from '../../../collections/Subscribers/admin/ImportView'
import { SiteChecksView as SiteChecksView_9bdc64c19f51229531beb8a8cf392e1d } from '../../../checks/admin/SiteChecksView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "/fields/caretFromSelectedNode/feature.client#CaretFromSelectedNodeClient": CaretFromSelectedNodeClient_2c1ef7c080ce081e6778ca9a508f6a84,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/checks/admin/ChecksPanel#ChecksPanel": ChecksPanel_5ce37a8c5113122b1003692e3c294d30,
  "/publishing/admin/WriterNote#ReorderNote": ReorderNote_398f064097fe7c34e110ef4ab52decfc,
  "/publishing/admin/UntitledHeading#UntitledHeading": UntitledHeading_27b17c6b5e640d903a6b702693573086,
  "/publishing/admin/WriterNote#WriterNote": WriterNote_398f064097fe7c34e110ef4ab52decfc,
  "/collections/ReviewRequests/admin/AskForReview#AskForReview": AskForReview_da65190424dc0c03d56a375c8a1fc598,
  "/checks/admin/PublishBlocked#PublishBlocked": PublishBlocked_d2d2f078611ec01b06dcd2af8a8d7743,
  "/publishing/admin/GoingLive#GoingLive": GoingLive_4b3faa79d7568a0cb9e18b127fc551ef,
  "/publishing/admin/NotOnSite#NotOnSite": NotOnSite_ff4ada7cc40d887bbd713a5c0ffcca6c,
  "/publishing/admin/AlsoShownOn#AlsoShownOn": AlsoShownOn_b2af96d3143708749f4d5db1081e1d2b,
  "/fields/HebrewYearHints#HebrewYearHints": HebrewYearHints_2bc993781218ad528e9d7a63266efd06,
  "@payloadcms/richtext-lexical/client#BlocksFeatureClient": BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/collections/Subscribers/admin/StatusTabs#StatusTabs": StatusTabs_4576949e0e83e620e5c2137c002b127e,
  "/collections/Subscribers/admin/EraseButton#EraseButton": EraseButton_6e3d11b6f43dec044aadd010eb81e1c1,
  "/collections/Webhooks/WebhookHealth#WebhookHealth": WebhookHealth_41ce6d6852251330f25d919779132cfe,
  "/collections/WebhookDeliveries/admin/CallBody#CallBody": CallBody_447e2a0eae01e1eda78f733565a737fd,
  "/collections/WebhookDeliveries/admin/SendAgainButton#SendAgainButton": SendAgainButton_ee36789eea7fb3e70a980844d4a17451,
  "/collections/SiteBuilds/ChangedPageLink#ChangedPageLink": ChangedPageLink_ce601263d78ef96a48ea116f5f20eb50,
  "/collections/SiteBuilds/RollbackButton#RollbackButton": RollbackButton_84bab6eaec2f7623f1be7add942f3a0f,
  "/collections/SiteBuilds/RebuildNowButton#RebuildNowButton": RebuildNowButton_953493776ede7783e524699319cec96e,
  "/desk/admin/Desk#Desk": Desk_7dec784ed524a00ad8545790934575d0,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/collections/Subscribers/admin/ImportView#ImportView": ImportView_af1c12596a70763334593948fd6eadbd,
  "/checks/admin/SiteChecksView#SiteChecksView": SiteChecksView_9bdc64c19f51229531beb8a8cf392e1d,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}

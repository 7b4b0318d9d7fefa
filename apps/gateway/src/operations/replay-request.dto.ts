import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Which parked notifications to replay, and optionally through which contract version. */
export class ReplayRequestDto {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsString({ each: true }) ids?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) partner?: string;
  @ApiPropertyOptional({ description: 'parked at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'parked before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ example: 'CONTRACT.XSD_INVALID' }) @IsOptional() @Matches(/^[A-Z_]+\.[A-Z0-9_]+$/) errorCode?: string;
  @ApiPropertyOptional({ description: 'only notifications produced by this version', example: 'v1' }) @IsOptional() @Matches(/^v\d+$/) contractVersion?: string;
  @ApiPropertyOptional({ description: 're-map through this version instead', example: 'v2' }) @IsOptional() @Matches(/^v\d+$/) through?: string;
}
